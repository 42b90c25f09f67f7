export const handler = async (event) => ({ subtotal: (event.lines ?? []).reduce((sum, line) => sum + line.price * line.quantity, 0) });
