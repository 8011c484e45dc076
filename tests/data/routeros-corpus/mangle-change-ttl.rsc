# Source: "Im0nk3yar0und/mikrotik: firewall/change_ttl.rsc", https://github.com/Im0nk3yar0und/mikrotik/blob/d2db0f4391d834282c1d6f1903b2ea4b8a6ba83c/firewall/change_ttl.rsc; file verbatim
/ip firewall mangle
add action=change-ttl chain=output comment="Change TTL" new-ttl=set:255 out-interface=ether1 passthrough=no \
    protocol=!icmp
