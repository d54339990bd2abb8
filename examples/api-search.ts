// Product search behind API Gateway (HTTP API). Vulnerable: the query parameter becomes a regex,
// so `?q=([\w\s]|[\w\s])*!` pins the function until it times out. The `prefix` filter is
// escaped first and is not reported.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

interface Product {
  sku: string;
  name: string;
}

const PRODUCTS: Product[] = [
  { sku: 'TS-001', name: 'Cotton t-shirt, navy blue' },
  { sku: 'JN-204', name: 'Slim fit jeans, washed black' },
];

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const q = event.queryStringParameters?.q ?? '';
  const prefix = event.queryStringParameters?.prefix ?? '';

  const matcher = new RegExp(q, 'i');
  const skuPrefix = new RegExp(`^${escapeRegex(prefix)}`);

  const results = PRODUCTS.filter((p) => matcher.test(p.name) && skuPrefix.test(p.sku));
  return { statusCode: 200, body: JSON.stringify(results) };
};
