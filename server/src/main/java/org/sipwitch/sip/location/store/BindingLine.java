package org.sipwitch.sip.location.store;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.sipwitch.ip.IpLiteral;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * One line of the registration files, text so an operator can read it with {@code less}:
 * {@code <crc32 hex> TAB <op> TAB fields...}. The checksum covers everything after the
 * first tab, so a flipped bit, a torn write or a line cut short by a crash is recognised
 * and skipped instead of restoring a wrong binding.
 *
 * <ul>
 *   <li>{@code A}: a binding added or refreshed (all of it: replaying is idempotent)</li>
 *   <li>{@code R}: user and contact removed</li>
 * </ul>
 * Fields are percent-escaped ({@code %}, {@code ~}, control characters), so {@code ~} alone can mean null.
 * The cluster's shared store (Redis) keeps bindings in the same lines.
 */
public final class BindingLine {
    static final char ADD = 'A';
    static final char REMOVE = 'R';
    private static final String NULL = "~";
    private static final int ADD_FIELDS = 15;

    /** A decoded line: either a binding to put, or a user/contact to remove. */
    public record Entry(char op, String userId, String contact, Binding binding) {
    }

    private BindingLine() {
    }

    public static String add(Binding b) {
        InetSocketAddress a = b.peer().address();
        return line(java.util.Arrays.asList(String.valueOf(ADD), b.userId(), b.extension(), b.contact(),
                b.peer().transport().name(), IpLiteral.format(a.getAddress()), Integer.toString(a.getPort()),
                b.callId(), Long.toString(b.cseq()), Long.toString(b.expiresAtMillis()),
                Float.toString(b.q()), b.userAgent(), b.instanceId(),
                Long.toString(b.registeredAtMillis()), b.staticBinding() ? "1" : "0"));
    }

    static String remove(String userId, String contact) {
        return line(List.of(String.valueOf(REMOVE), userId, contact));
    }

    private static String line(List<String> fields) {
        StringBuilder payload = new StringBuilder(160);
        for (String f : fields) {
            if (payload.length() > 0) {
                payload.append('\t');
            }
            escape(f, payload);
        }
        // one line per REGISTER: eight hex digits of the 32-bit CRC without a Formatter
        return HexFormat.of().toHexDigits((int) crc(payload.toString())) + '\t' + payload + '\n';
    }

    /** Decodes a line (without its newline); throws {@link IllegalArgumentException} saying what is wrong. */
    public static Entry parse(String line) {
        int tab = line.indexOf('\t');
        if (tab != 8) {
            throw new IllegalArgumentException("no checksum");
        }
        String payload = line.substring(9);
        long expected;
        try {
            expected = Long.parseLong(line.substring(0, 8), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad checksum field");
        }
        if (crc(payload) != expected) {
            throw new IllegalArgumentException("checksum mismatch (damaged or cut short)");
        }
        List<String> f = split(payload);
        String op = f.get(0);
        if (op.equals(String.valueOf(REMOVE)) && f.size() == 3) {
            return new Entry(REMOVE, required(f.get(1)), required(f.get(2)), null);
        }
        if (!op.equals(String.valueOf(ADD)) || f.size() != ADD_FIELDS) {
            throw new IllegalArgumentException("unknown record \"" + op + "\" with " + f.size() + " fields");
        }
        Binding b = new Binding(required(f.get(1)), value(f.get(2)), required(f.get(3)), peer(f.get(4), f.get(5),
                f.get(6)), value(f.get(7)), Long.parseLong(f.get(8)), Long.parseLong(f.get(9)),
                Float.parseFloat(f.get(10)), value(f.get(11)), value(f.get(12)), Long.parseLong(f.get(13)),
                f.get(14).equals("1"));
        return new Entry(ADD, b.userId(), b.contact(), b);
    }

    private static Peer peer(String transport, String host, String port) {
        Transport t = Transport.fromToken(transport);
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
        int p = Integer.parseInt(port);
        if (t == null || ip == null || p < 1 || p > 65535) {
            throw new IllegalArgumentException("bad peer " + transport + " " + host + " " + port);
        }
        try {
            return new Peer(t, new InetSocketAddress(InetAddress.getByAddress(ip), p));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad peer address " + host);
        }
    }

    private static long crc(String payload) {
        CRC32 crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static String required(String field) {
        String v = value(field);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing user or contact");
        }
        return v;
    }

    private static String value(String field) {
        return field.equals(NULL) ? null : field;
    }

    private static void escape(String s, StringBuilder out) {
        if (s == null) {
            out.append(NULL);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '%' || c == '~') {
                out.append('%').append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append(c);
            }
        }
    }

    private static List<String> split(String payload) {
        List<String> fields = new ArrayList<>(ADD_FIELDS);
        int start = 0;
        while (true) {
            int tab = payload.indexOf('\t', start);
            String raw = tab < 0 ? payload.substring(start) : payload.substring(start, tab);
            fields.add(raw.equals(NULL) ? NULL : unescape(raw));
            if (tab < 0) {
                return fields;
            }
            start = tab + 1;
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("bad escape");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
