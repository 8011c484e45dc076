// The seed's door, hardened against scanners (see SECURITY.md): three knocks in an order no sweep follows
// (neither ascending nor descending), each within 10 s of the last; sweep-proof (knock()'s default: a source
// that touches any other port part-way through loses its progress for the window); the grant opens only the
// gateway's console (tcp 2323), for a minute; sessions live on as established connections after the grant
// ends (RouterOS's established/related accept; without it they are reset with the grant); a psd gate in
// front (RouterOS's port-scan detection, MikroTik's own 21,3s,3,1: a source it flags is shut out for 10 minutes,
// not a day: a few spoofed SYNs can flag anyone);
// everything else dropped; IPv6 shut. Needs packet sight on the gateway: in listener mode the gateway sees only the ports it listens on,
// so a sweep's stray ports between the steps go unseen.
'use strict';

filter.add({ chain: 'input', connectionState: ['established', 'related'], action: 'accept' });
filter.add({ chain: 'input', connectionState: 'invalid', action: 'drop' });
knock({ name: 'door', family: 'ip', sequence: [7431, 2917, 8862], window: '10s', grant: 'secure', grantTimeout: '1m', accept: false, psd: true });
filter.add({ chain: 'input', protocol: 'tcp', dstPort: 2323, srcAddressList: 'secure', action: 'accept' });
filter.add({ chain: 'input', action: 'drop' });
// IPv6 is shut: the smallest boards hold one psd detector, so the door is IPv4 only. (The gateway would keep
// the console closed to IPv6 without this rule too; it is here so that it reads as shut.) On a board with two
// psd rules, knock()'s default family 'both' opens the same door over IPv6 with ipv6.filter rules like these.
ipv6.filter.add({ chain: 'input', action: 'drop', comment: 'the door is IPv4 only' });

test('the sequence opens the console, and only the console', t => {
  t.expect({ dport: 2323 }, 'drop');
  t.send({ dport: 7431 });
  t.send({ dport: 2917 });
  t.send({ dport: 8862 });
  t.expectListed('secure', '203.0.113.7');
  t.expect({ dport: 2323 }, 'accept');
  t.expect({ dport: 22 }, 'drop');
  t.expect({ src: '198.51.100.23', dport: 2323 }, 'drop');
});

test('a wrong port part-way through burns the progress for the window', t => {
  t.send({ dport: 7431 });
  t.send({ dport: 2917 });
  t.send({ dport: 2918 });
  t.send({ dport: 8862 });
  t.expectNotListed('secure', '203.0.113.7');
  t.wait('11s');
  t.send({ dport: 7431 });
  t.send({ dport: 2917 });
  t.send({ dport: 8862 });
  t.expectListed('secure', '203.0.113.7');
});

test('ascending and descending sweeps never open', t => {
  for (let port = 2900; port <= 8900; port++) t.send({ dport: port });
  t.expectNotListed('secure', '203.0.113.7');
  t.wait('11s');
  for (let port = 8900; port >= 2900; port--) t.send({ dport: port });
  t.expectNotListed('secure', '203.0.113.7');
});

test('a session outlives the grant as an established connection', t => {
  t.send({ dport: 7431 });
  t.send({ dport: 2917 });
  t.send({ dport: 8862 });
  t.expect({ dport: 2323, sport: 50000 }, 'accept');
  t.send({ chain: 'output', src: '192.0.2.1', dst: '203.0.113.7', sport: 2323, dport: 50000, flags: 'SA' });   // the console answers
  t.wait('2m');
  t.expect({ dport: 2323, sport: 50000, flags: 'A' }, 'accept');   // the open session's later packets
  t.expect({ dport: 2323, sport: 50001 }, 'drop');                  // a new session needs a new knock
});

test('a port scan is flagged by psd and shut out, even from the right sequence', t => {
  for (let port = 20; port <= 26; port++) t.send({ dport: port });   // 7 ports below 1024 weigh 21
  t.expectListed('knock:door:scanners', '203.0.113.7');
  t.wait('11s');
  t.send({ dport: 7431 });
  t.send({ dport: 2917 });
  t.send({ dport: 8862 });
  t.expectNotListed('secure', '203.0.113.7');
  t.expect({ src: '198.51.100.23', dport: 7431 }, 'drop');          // others are not affected...
  t.send({ src: '198.51.100.23', dport: 2917 });
  t.send({ src: '198.51.100.23', dport: 8862 });
  t.expectListed('secure', '198.51.100.23');                        // ...and knock as before
});

test('IPv6 is shut, knock or not', t => {
  t.expect({ src: '2001:db8::7', dst: '2001:db8::1', dport: 2323 }, 'drop');
  for (const port of [7431, 2917, 8862]) t.send({ src: '2001:db8::7', dst: '2001:db8::1', dport: port });
  t.expect({ src: '2001:db8::7', dst: '2001:db8::1', dport: 2323 }, 'drop');
});

test('a knock is far below the psd threshold', t => {
  t.send({ dport: 7431 });
  t.send({ dport: 2917 });
  t.send({ dport: 8862 });
  t.expectNotListed('knock:door:scanners', '203.0.113.7');
  t.expectListed('secure', '203.0.113.7');
});
