// The workflow the API and gateway throughput programs run: five Pass states that read, add
// and reshape fields of a small order, and the input they run it with.
export const fivePassDefinition = {
  StartAt: 'S1',
  States: {
    S1: { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'items.$': '$.items' }, Next: 'S2' },
    S2: { Type: 'Pass', Result: { currency: 'EUR' }, ResultPath: '$.pricing', Next: 'S3' },
    S3: { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'count.$': 'States.ArrayLength($.items)', 'pricing.$': '$.pricing' }, Next: 'S4' },
    S4: { Type: 'Pass', ResultPath: '$.checked', Result: true, Next: 'S5' },
    S5: { Type: 'Pass', End: true },
  },
};

export const fivePassInput = JSON.stringify({ orderId: 'o-1', items: [1, 2, 3] });
