/**
 * Source models per trigger: which event fields an attacker controls and which are AWS metadata
 * or deployment configuration. Paths are rooted at the handler's event parameter.
 *
 * Matching (see `taint/judge.ts`) uses the longest matching rule; unknown fields of an event are
 * treated as attacker-controlled. Facts come from `@types/aws-lambda` and the AWS event docs.
 */
import type { FieldRule, TriggerId, TriggerModel } from '../types.js';

const a = (path: string, label: string): FieldRule => ({ path, trust: 'attacker', label });
const t = (path: string): FieldRule => ({ path, trust: 'trusted' });

/** Metadata of every `Records[]` event source mapping (SQS, SNS, S3, Kinesis, DynamoDB). */
const RECORD_METADATA: readonly FieldRule[] = [
  t('Records[].eventSource'),
  t('Records[].EventSource'),
  t('Records[].eventSourceARN'),
  t('Records[].EventSubscriptionArn'),
  t('Records[].eventName'),
  t('Records[].eventID'),
  t('Records[].eventVersion'),
  t('Records[].EventVersion'),
  t('Records[].eventTime'),
  t('Records[].awsRegion'),
  t('Records[].invokeIdentityArn'),
  t('Records[].userIdentity'),
];

export const S3: TriggerModel = {
  id: 's3',
  label: 'S3',
  typeNames: ['S3Event', 'S3Handler', 'S3CreateEvent', 'S3EventRecord', 'S3BatchEvent', 'S3BatchHandler'],
  fields: [
    ...RECORD_METADATA,
    a('Records[].s3.object.key', 'S3 object key'),
    t('Records[].s3.object.size'),
    t('Records[].s3.object.eTag'),
    t('Records[].s3.object.versionId'),
    t('Records[].s3.object.sequencer'),
    t('Records[].s3.bucket'),
    t('Records[].s3.configurationId'),
    t('Records[].s3.s3SchemaVersion'),
    t('Records[].requestParameters'),
    t('Records[].responseElements'),
    t('Records[].glacierEventData'),
    // S3 Batch Operations
    a('tasks[].s3Key', 'S3 Batch Operations object key'),
    t('tasks[].s3BucketArn'),
    t('tasks[].taskId'),
    t('tasks[].s3VersionId'),
    t('job'),
    t('invocationId'),
    t('invocationSchemaVersion'),
  ],
};

export const SQS: TriggerModel = {
  id: 'sqs',
  label: 'SQS',
  typeNames: ['SQSEvent', 'SQSHandler', 'SQSRecord'],
  fields: [
    ...RECORD_METADATA,
    a('Records[].body', 'SQS message body'),
    a('Records[].messageAttributes', 'SQS message attribute'),
    a('Records[].attributes.MessageGroupId', 'SQS message group id'),
    a('Records[].attributes.MessageDeduplicationId', 'SQS deduplication id'),
    t('Records[].messageId'),
    t('Records[].receiptHandle'),
    t('Records[].md5OfBody'),
    t('Records[].md5OfMessageAttributes'),
    t('Records[].attributes.ApproximateReceiveCount'),
    t('Records[].attributes.SentTimestamp'),
    t('Records[].attributes.SenderId'),
    t('Records[].attributes.ApproximateFirstReceiveTimestamp'),
    t('Records[].attributes.SequenceNumber'),
    t('Records[].attributes.DeadLetterQueueSourceArn'),
  ],
};

export const SNS: TriggerModel = {
  id: 'sns',
  label: 'SNS',
  typeNames: ['SNSEvent', 'SNSHandler', 'SNSEventRecord', 'SNSMessage'],
  fields: [
    ...RECORD_METADATA,
    a('Records[].Sns.Message', 'SNS message'),
    a('Records[].Sns.Subject', 'SNS subject'),
    a('Records[].Sns.MessageAttributes', 'SNS message attribute'),
    t('Records[].Sns.TopicArn'),
    t('Records[].Sns.MessageId'),
    t('Records[].Sns.Timestamp'),
    t('Records[].Sns.Type'),
    t('Records[].Sns.Signature'),
    t('Records[].Sns.SignatureVersion'),
    t('Records[].Sns.SigningCertUrl'),
    t('Records[].Sns.SigningCertURL'),
    t('Records[].Sns.UnsubscribeUrl'),
    t('Records[].Sns.UnsubscribeURL'),
  ],
};

/** Fields shared by REST (v1), HTTP (v2), function URLs and WebSocket APIs. */
const HTTP_COMMON: readonly FieldRule[] = [
  a('body', 'request body'),
  a('headers', 'request header'),
  a('multiValueHeaders', 'request header'),
  a('queryStringParameters', 'query string parameter'),
  a('multiValueQueryStringParameters', 'query string parameter'),
  a('pathParameters', 'path parameter'),
  a('path', 'request path'),
  a('rawPath', 'request path'),
  a('rawQueryString', 'raw query string'),
  a('cookies', 'request cookie'),
  a('httpMethod', 'HTTP method'),
  t('isBase64Encoded'),
  t('resource'),
  t('routeKey'),
  t('version'),
  t('stageVariables'),
  t('requestContext'),
  a('requestContext.path', 'request path'),
  a('requestContext.http.path', 'request path'),
  a('requestContext.http.userAgent', 'User-Agent header'),
  a('requestContext.http.method', 'HTTP method'),
  a('requestContext.identity.userAgent', 'User-Agent header'),
  a('requestContext.identity.clientCert', 'client certificate'),
  a('requestContext.authorizer.claims', 'JWT claim'),
  a('requestContext.authorizer.jwt.claims', 'JWT claim'),
  t('requestContext.authorizer.claims.sub'),
  t('requestContext.authorizer.claims.iss'),
  t('requestContext.authorizer.claims.token_use'),
  t('requestContext.authorizer.claims.cognito:groups'),
  t('requestContext.authorizer.jwt.claims.sub'),
  t('requestContext.authorizer.jwt.claims.iss'),
  t('requestContext.authorizer.jwt.scopes'),
  // REST/HTTP authorizer events
  a('authorizationToken', 'authorization token'),
  a('identitySource', 'authorizer identity source'),
  t('methodArn'),
  t('type'),
];

export const API_GATEWAY: TriggerModel = {
  id: 'api-gateway',
  label: 'API Gateway',
  typeNames: [
    'APIGatewayProxyEvent',
    'APIGatewayEvent',
    'APIGatewayProxyHandler',
    'ProxyHandler',
    'APIGatewayProxyEventBase',
    'APIGatewayProxyWithLambdaAuthorizerHandler',
    'APIGatewayProxyWithLambdaAuthorizerEvent',
    'APIGatewayProxyWithCognitoAuthorizerHandler',
    'APIGatewayProxyWithCognitoAuthorizerEvent',
    'APIGatewayProxyEventV2',
    'APIGatewayProxyHandlerV2',
    'APIGatewayProxyEventV2WithJWTAuthorizer',
    'APIGatewayProxyHandlerV2WithJWTAuthorizer',
    'APIGatewayProxyEventV2WithLambdaAuthorizer',
    'APIGatewayProxyHandlerV2WithLambdaAuthorizer',
    'APIGatewayProxyEventV2WithIAMAuthorizer',
    'APIGatewayProxyHandlerV2WithIAMAuthorizer',
    'APIGatewayProxyWebsocketEventV2',
    'APIGatewayProxyWebsocketHandlerV2',
    'LambdaFunctionURLEvent',
    'LambdaFunctionURLHandler',
    'LambdaFunctionURLHandlerWithIAMAuthorizer',
    'APIGatewayTokenAuthorizerEvent',
    'APIGatewayTokenAuthorizerHandler',
    'APIGatewayRequestAuthorizerEvent',
    'APIGatewayRequestAuthorizerHandler',
    'APIGatewayRequestAuthorizerEventV2',
    'APIGatewayRequestSimpleAuthorizerHandlerV2',
    'APIGatewayRequestIAMAuthorizerHandlerV2',
  ],
  fields: HTTP_COMMON,
};

export const ALB: TriggerModel = {
  id: 'alb',
  label: 'Application Load Balancer',
  typeNames: ['ALBEvent', 'ALBHandler'],
  fields: [
    a('body', 'request body'),
    a('headers', 'request header'),
    a('multiValueHeaders', 'request header'),
    a('queryStringParameters', 'query string parameter'),
    a('multiValueQueryStringParameters', 'query string parameter'),
    a('path', 'request path'),
    a('httpMethod', 'HTTP method'),
    t('isBase64Encoded'),
    t('requestContext'),
  ],
};

export const DYNAMODB_STREAMS: TriggerModel = {
  id: 'dynamodb-streams',
  label: 'DynamoDB Streams',
  typeNames: ['DynamoDBStreamEvent', 'DynamoDBStreamHandler', 'DynamoDBRecord'],
  fields: [
    ...RECORD_METADATA,
    a('Records[].dynamodb.NewImage', 'DynamoDB stream new image'),
    a('Records[].dynamodb.OldImage', 'DynamoDB stream old image'),
    a('Records[].dynamodb.Keys', 'DynamoDB stream key'),
    t('Records[].dynamodb.SequenceNumber'),
    t('Records[].dynamodb.SizeBytes'),
    t('Records[].dynamodb.StreamViewType'),
    t('Records[].dynamodb.ApproximateCreationDateTime'),
  ],
};

export const KINESIS: TriggerModel = {
  id: 'kinesis',
  label: 'Kinesis',
  typeNames: [
    'KinesisStreamEvent',
    'KinesisStreamHandler',
    'KinesisStreamRecord',
    'KinesisStreamRecordPayload',
    'KinesisStreamTumblingWindowEvent',
    'KinesisStreamTumblingWindowHandler',
    'FirehoseTransformationEvent',
    'FirehoseTransformationHandler',
  ],
  fields: [
    ...RECORD_METADATA,
    a('Records[].kinesis.data', 'Kinesis record data'),
    a('Records[].kinesis.partitionKey', 'Kinesis partition key'),
    t('Records[].kinesis.sequenceNumber'),
    t('Records[].kinesis.approximateArrivalTimestamp'),
    t('Records[].kinesis.kinesisSchemaVersion'),
    a('state', 'tumbling window state'),
    t('window'),
    t('isFinalInvokeForWindow'),
    t('isWindowTerminatedEarly'),
    // Firehose transformation
    a('records[].data', 'Firehose record data'),
    a('records[].kinesisRecordMetadata.partitionKey', 'Kinesis partition key'),
    t('records[].recordId'),
    t('records[].approximateArrivalTimestamp'),
    t('invocationId'),
    t('deliveryStreamArn'),
    t('region'),
  ],
};

export const EVENTBRIDGE: TriggerModel = {
  id: 'eventbridge',
  label: 'EventBridge',
  typeNames: [
    'EventBridgeEvent',
    'EventBridgeHandler',
    'S3NotificationEventBridgeHandler',
    'S3ObjectCreatedNotificationEvent',
    'S3ObjectDeletedNotificationEvent',
    'S3NotificationEvent',
  ],
  fields: [
    a('detail', 'EventBridge event detail'),
    a('detail-type', 'EventBridge detail-type'),
    a('source', 'EventBridge event source'),
    a('resources', 'EventBridge event resource'),
    a('detail.object.key', 'S3 object key'),
    t('detail.bucket.name'),
    t('detail.requester'),
    t('detail.source-ip-address'),
    t('detail.request-id'),
    t('detail.version'),
    t('id'),
    t('version'),
    t('account'),
    t('time'),
    t('region'),
    t('replay-name'),
  ],
};

export const SCHEDULED: TriggerModel = {
  id: 'scheduled',
  label: 'scheduled EventBridge rule',
  typeNames: ['ScheduledEvent', 'ScheduledHandler'],
  fields: [t('detail'), t('detail-type'), t('source'), t('resources'), t('id'), t('account'), t('time'), t('region')],
};

export const COGNITO: TriggerModel = {
  id: 'cognito',
  label: 'Cognito user pool trigger',
  typeNames: [
    'BaseTriggerEvent',
    'CognitoUserPoolTriggerEvent',
    'CognitoUserPoolTriggerHandler',
    'PreSignUpTriggerEvent',
    'PreSignUpTriggerHandler',
    'PostConfirmationTriggerEvent',
    'PostConfirmationTriggerHandler',
    'PreAuthenticationTriggerEvent',
    'PreAuthenticationTriggerHandler',
    'PostAuthenticationTriggerEvent',
    'PostAuthenticationTriggerHandler',
    'DefineAuthChallengeTriggerEvent',
    'DefineAuthChallengeTriggerHandler',
    'CreateAuthChallengeTriggerEvent',
    'CreateAuthChallengeTriggerHandler',
    'VerifyAuthChallengeResponseTriggerEvent',
    'VerifyAuthChallengeResponseTriggerHandler',
    'PreTokenGenerationTriggerEvent',
    'PreTokenGenerationTriggerHandler',
    'PreTokenGenerationV2TriggerEvent',
    'PreTokenGenerationV2TriggerHandler',
    'UserMigrationTriggerEvent',
    'UserMigrationTriggerHandler',
    'CustomMessageTriggerEvent',
    'CustomMessageTriggerHandler',
    'CustomEmailSenderTriggerEvent',
    'CustomEmailSenderTriggerHandler',
    'CustomSMSSenderTriggerEvent',
    'CustomSMSSenderTriggerHandler',
  ],
  fields: [
    a('userName', 'Cognito user name'),
    a('request.userAttributes', 'Cognito user attribute'),
    t('request.userAttributes.sub'),
    t('request.userAttributes.email_verified'),
    t('request.userAttributes.phone_number_verified'),
    t('request.userAttributes.cognito:user_status'),
    a('request.clientMetadata', 'Cognito client metadata'),
    a('request.validationData', 'Cognito validation data'),
    a('request.password', 'Cognito migration password'),
    a('request.challengeAnswer', 'Cognito challenge answer'),
    a('request.scopes', 'Cognito requested scope'),
    t('request.session'),
    t('request.privateChallengeParameters'),
    t('request.groupConfiguration'),
    t('request.codeParameter'),
    t('request.linkParameter'),
    t('request.usernameParameter'),
    t('request.code'),
    t('request.type'),
    t('request.userNotFound'),
    t('triggerSource'),
    t('userPoolId'),
    t('region'),
    t('version'),
    t('callerContext'),
    t('response'),
  ],
};

/**
 * Express route handlers of an app served from Lambda (`serverless-http`, `@codegenie/serverless-express`):
 * the first parameter is the request. `req.ip` follows X-Forwarded-For when `trust proxy` is set.
 */
export const EXPRESS: TriggerModel = {
  id: 'express',
  label: 'Express route behind a Lambda adapter',
  typeNames: [],
  fields: [
    a('body', 'request body'),
    a('query', 'query string parameter'),
    a('params', 'path parameter'),
    a('headers', 'request header'),
    a('cookies', 'request cookie'),
    a('path', 'request path'),
    a('url', 'request URL'),
    a('originalUrl', 'request URL'),
    a('baseUrl', 'request path'),
    a('hostname', 'Host header'),
    a('ip', 'client address (X-Forwarded-For)'),
    a('ips', 'client address (X-Forwarded-For)'),
    a('files', 'uploaded file'),
    a('file', 'uploaded file'),
    a('apiGateway.event', 'Lambda event'),
    t('apiGateway.context'),
    t('method'),
    t('signedCookies'),
    t('app'),
    t('res'),
    t('route'),
    t('protocol'),
    t('secure'),
  ],
};

/** Powertools event-handler routes: `app.get(path, async ({ params, req, event }) => …)`. */
export const ROUTER: TriggerModel = {
  id: 'router',
  label: 'Powertools event-handler route',
  typeNames: [],
  fields: [
    a('params', 'path parameter'),
    a('req', 'HTTP request'),
    a('event', 'Lambda event'),
    ...HTTP_COMMON.map((rule) => ({ ...rule, path: `event.${rule.path}` })),
    t('context'),
    t('res'),
    t('route'),
    t('responseType'),
    t('isBase64Encoded'),
    t('shared'),
  ],
};

/**
 * CloudFormation custom resources: the template author (not an end user) sets the properties,
 * and CloudFormation sets the response URL (trusted as long as only CloudFormation may invoke).
 */
export const CLOUDFORMATION: TriggerModel = {
  id: 'cloudformation',
  label: 'CloudFormation custom resource',
  typeNames: ['CloudFormationCustomResourceEvent', 'CloudFormationCustomResourceHandler', 'CdkCustomResourceEvent', 'CdkCustomResourceHandler', 'CloudFormationCustomResourceCreateEvent', 'CloudFormationCustomResourceUpdateEvent', 'CloudFormationCustomResourceDeleteEvent'],
  fields: ['RequestType', 'ServiceToken', 'ResponseURL', 'StackId', 'RequestId', 'LogicalResourceId', 'PhysicalResourceId', 'ResourceType', 'ResourceProperties', 'OldResourceProperties'].map(t),
};

/** S3 Object Lambda: AWS presigns the input URL and routes the output; the caller shapes the request. */
export const S3_OBJECT_LAMBDA: TriggerModel = {
  id: 's3-object-lambda',
  label: 'S3 Object Lambda',
  typeNames: ['S3ObjectLambdaEvent', 'S3ObjectLambdaHandler'],
  fields: [
    t('getObjectContext'),
    t('listObjectsContext'),
    t('headObjectContext'),
    t('configuration'),
    t('xAmzRequestId'),
    t('protocolVersion'),
    t('userIdentity'),
    a('userRequest', 'S3 Object Lambda user request'),
  ],
};

export const TRIGGER_MODELS: readonly TriggerModel[] = [
  S3,
  SQS,
  SNS,
  API_GATEWAY,
  ALB,
  DYNAMODB_STREAMS,
  KINESIS,
  EVENTBRIDGE,
  SCHEDULED,
  COGNITO,
  CLOUDFORMATION,
  S3_OBJECT_LAMBDA,
  EXPRESS,
  ROUTER,
];

/** `requestContext` fields that API Gateway sets itself (trusted whatever the trigger guess). */
const REQUEST_CONTEXT_METADATA: readonly FieldRule[] = [
  'requestId',
  'extendedRequestId',
  'accountId',
  'apiId',
  'stage',
  'domainName',
  'domainPrefix',
  'requestTime',
  'requestTimeEpoch',
  'time',
  'timeEpoch',
  'resourceId',
  'resourcePath',
  'routeKey',
  'connectionId',
  'eventType',
  'authorizer',
  'identity.sourceIp',
  'identity.cognitoIdentityId',
  'identity.user',
  'identity.userArn',
  'identity.caller',
  'identity.accountId',
  'http.sourceIp',
  'http.protocol',
  'elb',
].map((field) => t(`requestContext.${field}`));

/**
 * The model for handlers whose trigger is unknown (direct invoke, Step Functions, `Handler<any>`):
 * every field is attacker-controlled except metadata that means the same in every event shape
 * (record metadata, nested notification fields, API Gateway request context). Single-segment
 * trusted names (`id`, `version`, `region`, …) are plain payload keys in a direct invocation, so
 * they are not trusted here. Attacker rows are kept so that labels stay specific.
 */
export const UNKNOWN: TriggerModel = {
  id: 'unknown',
  label: 'direct invocation',
  typeNames: [],
  fields: [
    ...TRIGGER_MODELS.filter((m) => m.id !== 'scheduled' && m.id !== 'express' && m.id !== 'router')
      .flatMap((m) => m.fields)
      .filter((rule) => rule.trust === 'attacker' || rule.path.includes('.')),
    ...REQUEST_CONTEXT_METADATA,
    // Distinctive top-level names of service-generated events (custom resources, Object Lambda).
    ...CLOUDFORMATION.fields,
    ...S3_OBJECT_LAMBDA.fields,
  ],
};

export const TRIGGER_IDS: readonly TriggerId[] = [...TRIGGER_MODELS.map((m) => m.id), 'unknown'];

export function triggerModel(id: TriggerId): TriggerModel {
  return TRIGGER_MODELS.find((m) => m.id === id) ?? UNKNOWN;
}

/** Maps an `aws-lambda` type name to its trigger. */
export const TRIGGER_BY_TYPE_NAME: ReadonlyMap<string, TriggerId> = new Map(
  TRIGGER_MODELS.flatMap((m) => m.typeNames.map((name) => [name, m.id] as const)),
);
