// The pricing model: prices each line from a catalogue and totals the quote.
const CATALOGUE = {
  'coffee-beans': 12.5,
  grinder: 89,
  filter: 0.1,
  mug: 7.25,
};

export const handler = async (event) => {
  const lines = event.items.map((item) => {
    const unitPrice = CATALOGUE[item.sku];
    if (unitPrice === undefined) {
      const error = new Error(`Unknown product '${item.sku}'`);
      error.name = 'Pricing.UnknownProduct';
      throw error;
    }
    return { sku: item.sku, quantity: item.quantity, amount: Math.round(unitPrice * item.quantity * 100) / 100 };
  });
  const subtotal = Math.round(lines.reduce((sum, line) => sum + line.amount, 0) * 100) / 100;
  return { currency: 'EUR', subtotal, lines };
};
