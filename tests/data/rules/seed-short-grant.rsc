# The seed recipe with a 5-second grant: the virtual board keeps real time, so a session that must end with its
# grant is tested in seconds, not the seed's minute (VirtualBoardTests).
/ip firewall filter add action=add-src-to-address-list address-list="port:9000" address-list-timeout=1m chain=input dst-port=9000 protocol=tcp
add action=add-src-to-address-list address-list="secure" address-list-timeout=5s chain=input dst-port=6000 protocol=tcp src-address-list="port:9000"
add chain=input src-address-list=secure action=accept
add action=drop chain=input
