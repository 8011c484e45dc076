// The classic RouterOS port-knocking recipe (MikroTik wiki), as a script: knock tcp 9000, then tcp 6000
// within a minute, and the source may reach the gateway for a minute after its last 6000 knock.
'use strict';

filter.add({ chain: 'input', protocol: 'tcp', dstPort: 9000, action: 'add-src-to-address-list', addressList: 'port:9000', addressListTimeout: '1m' });
filter.add({ chain: 'input', protocol: 'tcp', dstPort: 6000, srcAddressList: 'port:9000', action: 'add-src-to-address-list', addressList: 'secure', addressListTimeout: '1m' });
filter.add({ chain: 'input', srcAddressList: 'secure', action: 'accept' });
filter.add({ chain: 'input', action: 'drop' });

test('knocking 9000 then 6000 opens the console', t => {
  t.expect({ dport: 2323 }, 'drop');
  t.expect({ dport: 9000 }, 'drop');          // the knock itself is dropped, but it is listed
  t.expectListed('port:9000', '203.0.113.7');
  t.wait('10s');
  t.expect({ dport: 6000 }, 'accept');        // the second knock lists it in secure, and that rule accepts
  t.expect({ dport: 2323 }, 'accept');
  t.expect({ src: '198.51.100.23', dport: 2323 }, 'drop');
});

test('the wrong order stays shut', t => {
  t.expect({ dport: 6000 }, 'drop');
  t.expect({ dport: 9000 }, 'drop');
  t.expect({ dport: 2323 }, 'drop');
});

test('the second knock must come within a minute of the first', t => {
  t.expect({ dport: 9000 }, 'drop');
  t.wait('1m');
  t.expect({ dport: 6000 }, 'drop');
  t.expectNotListed('secure', '203.0.113.7');
});

test('the door shuts a minute after the last 6000 knock', t => {
  t.expect({ dport: 9000 }, 'drop');
  t.expect({ dport: 6000 }, 'accept');
  t.wait(59999);
  t.expect({ dport: 2323, flags: 'A' }, 'accept');
  t.wait(1);
  t.expect({ dport: 2323, flags: 'A' }, 'drop');
});
