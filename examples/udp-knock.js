// A UDP knock (udp 4001, 4002, 4003 within 3 s each) that opens the gateway's own console (tcp 2323)
// for ten minutes. Other TCP attempts are answered with a reset, anything else is dropped.
'use strict';

knock({ name: 'console', sequence: ['udp:4001', 'udp:4002', 'udp:4003'], window: '3s', grant: 'console-ok', grantTimeout: '10m', accept: false });
filter.add({ chain: 'input', protocol: 'tcp', dstPort: 2323, srcAddressList: 'console-ok', action: 'accept' });
filter.add({ chain: 'input', protocol: 'tcp', action: 'reject', rejectWith: 'tcp-reset' });
filter.add({ chain: 'input', action: 'drop' });

const knockAll = t => {
  for (const port of [4001, 4002, 4003]) t.expect({ proto: 'udp', dport: port }, 'drop');
};

test('the udp knock opens the console', t => {
  t.expect({ dport: 2323 }, 'reject');
  knockAll(t);
  t.expect({ dport: 2323 }, 'accept');
});

test('knocking with tcp instead of udp does nothing', t => {
  for (const port of [4001, 4002, 4003]) t.expect({ dport: port }, 'reject');
  t.expect({ dport: 2323 }, 'reject');
});

test('the console closes ten minutes after the knock', t => {
  knockAll(t);
  t.wait('10m');
  t.expect({ dport: 2323 }, 'reject');
});

test('a pause longer than the window breaks the sequence', t => {
  t.expect({ proto: 'udp', dport: 4001 }, 'drop');
  t.expect({ proto: 'udp', dport: 4002 }, 'drop');
  t.wait('3s');
  t.expect({ proto: 'udp', dport: 4003 }, 'drop');
  t.expect({ dport: 2323 }, 'reject');
});
