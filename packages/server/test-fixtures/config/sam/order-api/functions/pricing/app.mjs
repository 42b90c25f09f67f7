export const handler = async (order) => ({
  subtotal: (order.lines ?? []).reduce((sum, line) => sum + line.price * line.quantity, 0),
});
