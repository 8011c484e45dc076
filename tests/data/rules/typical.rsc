# A typical RouterOS input firewall: accept established/related, drop invalid, allow ping and SSH from the LAN.
/ip firewall filter
add chain=input connection-state=established,related action=accept comment="defconf: accept established,related"
add chain=input connection-state=invalid action=drop comment="defconf: drop invalid"
add chain=input protocol=icmp action=accept
add chain=input protocol=tcp dst-port=22 src-address=10.0.0.0/8 action=accept
add chain=input action=drop
add chain=output action=accept
