// Pricing rules evaluated per request (REST API, CommonJS, callback style). Vulnerable: the
// discount formula from the request body is evaluated as code; `JSON.stringify(process.env)` as a
// formula returns the function's credentials.
const RATES = { standard: 1, member: 0.9 };

function applyDiscount(price, formula) {
  const discount = new Function('price', `return (${formula});`);
  return discount(price);
}

module.exports.quote = (event, context, callback) => {
  const { sku, price, formula, tier } = JSON.parse(event.body);
  const rate = RATES[tier] ?? RATES.standard;
  const total = applyDiscount(Number(price) * rate, formula);
  callback(null, { statusCode: 200, body: JSON.stringify({ sku, total }) });
};
