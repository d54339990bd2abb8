// Sign-up notifications fan out through SNS. Vulnerable: a catastrophic e-mail regex applied to
// the message; the address `a@a.` + 60 × `a` + `!` keeps one test() busy for about a minute.
import type { SNSEvent } from 'aws-lambda';

const EMAIL = /^([a-zA-Z0-9_.-])+@(([a-zA-Z0-9-])+\.)+([a-zA-Z0-9]{2,4})+$/;
const TOPIC_ARN = /^arn:aws:sns:[a-z0-9-]+:\d{12}:[\w-]+$/;

export const handler = async (event: SNSEvent): Promise<void> => {
  for (const record of event.Records) {
    const { email, plan } = JSON.parse(record.Sns.Message) as { email: string; plan: string };
    if (!TOPIC_ARN.test(record.Sns.TopicArn)) continue;
    if (!EMAIL.test(email)) {
      console.warn('rejecting sign-up with invalid e-mail', record.Sns.MessageId);
      continue;
    }
    console.log('accepted sign-up', { plan, messageId: record.Sns.MessageId });
  }
};
