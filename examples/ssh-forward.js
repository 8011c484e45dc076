// SSH on a LAN host behind the gateway, reachable on the gateway's tcp 2222 only after a three-port
// knock (7000, 8000, 9000, each within 5 s of the last). The gateway forwards the connection
// (dst-nat) and the forward chain admits it; replies and later packets ride on connection tracking.
'use strict';

const lanHost = '192.168.88.10';

filter.add({ chain: 'input', connectionState: ['established', 'related'], action: 'accept' });
filter.add({ chain: 'input', connectionState: 'invalid', action: 'drop' });
knock({ name: 'ssh', sequence: [7000, 8000, 9000], window: '5s', grant: 'ssh-ok', grantTimeout: '30m', accept: false });
filter.add({ chain: 'input', action: 'drop', comment: 'nothing else reaches the gateway' });

nat.add({ chain: 'dstnat', action: 'dst-nat', protocol: 'tcp', dstPort: 2222, toAddresses: lanHost, toPorts: 22 });
filter.add({ chain: 'forward', connectionState: ['established', 'related'], action: 'accept' });
filter.add({ chain: 'forward', connectionState: 'invalid', action: 'drop' });
filter.add({ chain: 'forward', protocol: 'tcp', dstAddress: lanHost, dstPort: 22, srcAddressList: 'ssh-ok', action: 'accept' });
filter.add({ chain: 'forward', action: 'drop' });

// The forward chain sees the packet after dst-nat: to the LAN host's port 22.
const ssh = { chain: 'forward', dst: lanHost, dport: 22 };

test('no knock, no ssh', t => {
  t.expect(ssh, 'drop');
});

test('the full knock opens ssh for this source only', t => {
  t.expect({ dport: 7000 }, 'drop');
  t.wait('1s');
  t.expect({ dport: 8000 }, 'drop');
  t.wait('1s');
  t.expect({ dport: 9000 }, 'drop');
  t.expectListed('ssh-ok', '203.0.113.7');
  t.expect(ssh, 'accept');
  t.expect({ ...ssh, src: '198.51.100.23' }, 'drop');
});

test('a slow knock does not open it', t => {
  t.expect({ dport: 7000 }, 'drop');
  t.wait('6s');
  t.expect({ dport: 8000 }, 'drop');
  t.expect({ dport: 9000 }, 'drop');
  t.expect(ssh, 'drop');
});

test('a repeated first knock does not skip steps', t => {
  t.expect({ dport: 7000 }, 'drop');
  t.expect({ dport: 7000 }, 'drop');
  t.expect({ dport: 9000 }, 'drop');
  t.expectNotListed('ssh-ok', '203.0.113.7');
});

test('an open session outlives the grant through connection tracking', t => {
  for (const port of [7000, 8000, 9000]) t.expect({ dport: port }, 'drop');
  t.expect({ ...ssh, sport: 50000 }, 'accept');
  t.expect({ chain: 'forward', src: lanHost, sport: 22, dst: '203.0.113.7', dport: 50000, flags: 'SA' }, 'accept');
  t.wait('31m');
  t.expect({ ...ssh, sport: 50000, flags: 'PA' }, 'accept');   // established
  t.expect({ ...ssh, sport: 50001 }, 'drop');                   // a new session needs a new knock
});
