export const handler = async (ticket) => {
  if (typeof ticket?.title !== 'string') throw Object.assign(new Error('A ticket needs a title'), { name: 'Ticket.Invalid' });
  return ticket;
};
