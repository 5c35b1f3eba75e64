Drop-in configuration files for sipwitch, merged after /etc/sipwitch/sipwitch.xml:
<id>.xml is enabled, <id>.xml.disabled is not. `sipwitchctl enable <id>` and
`sipwitchctl disable <id>` rename them; `sipwitchctl reload` applies them.
