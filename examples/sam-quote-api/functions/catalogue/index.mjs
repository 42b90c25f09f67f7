// GET /catalogue: a plain Lambda proxy route beside the workflow route.
export const handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ products: ['coffee-beans', 'grinder', 'filter', 'mug'] }),
});
