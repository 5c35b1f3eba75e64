package org.sipwitch.sip.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damages valid SIP messages the ways networks, broken phones and attackers do: bit
 * flips, truncation, stray CR/LF/NUL, duplicated and swapped header lines, absurd
 * numbers, random bytes spliced in, huge lines. Deterministic for a given random.
 */
final class SipMutator {
    private static final String[] HUGE = {"99999999999999999999999", "2147483648", "-1", "4294967296", "0x10",
            "1e9", "", " ", "+5", "00000000000000000000000000000012", "9223372036854775808"};
    private static final byte[][] STRAY = {{'\r'}, {'\n'}, {0}, {'\r', '\n'}, {'\r', '\n', '\r', '\n'}, {'\t'},
            {' ', '\r', '\n', ' '}, {':'}, {';'}, {','}, {'"'}, {'<'}, {'%'}, {(byte) 0xff}, {(byte) 0xc3}};

    static final List<String> SEEDS = seeds();

    private SipMutator() {
    }

    private static List<String> seeds() {
        List<String> s = new ArrayList<>();
        s.add(SipSamples.register());
        s.add(SipSamples.invite());
        s.add(SipSamples.options("fuzz-1@192.0.2.7"));
        s.add(SipSamples.response());
        s.add("SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1;received=192.0.2.7\r\n"
                + "From: <sip:alice@example.net>;tag=1\r\nTo: <sip:alice@example.net>;tag=2\r\nCall-ID: c1\r\n"
                + "CSeq: 2 REGISTER\r\nWWW-Authenticate: Digest realm=\"example.net\", nonce=\"abc\", qop=\"auth\", "
                + "algorithm=MD5\r\nContent-Length: 0\r\n\r\n");
        s.add("MESSAGE sip:201@example.net SIP/2.0\r\nv: SIP/2.0/TCP 192.0.2.7;branch=z9hG4bKm\r\nMax-Forwards: 70\r\n"
                + "f: <sip:alice@example.net>;tag=9\r\nt: <sip:201@example.net>\r\ni: m1\r\nCSeq: 1 MESSAGE\r\n"
                + "c: text/plain\r\nl: 5\r\n\r\nhello");
        s.add("BYE sip:bob@192.0.2.8:5060;transport=tcp SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKb,\r\n"
                + " SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKc\r\nFrom: \"A \\\"q\\\"\" <sip:alice@example.net>;tag=1\r\n"
                + "To: <sip:bob@example.net>;tag=2\r\nCall-ID: b1\r\nCSeq: 7 BYE\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        s.add("ACK sip:bob@192.0.2.8 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.7;branch=z9hG4bKa\r\nFrom: <sip:a@x>;tag=1\r\n"
                + "To: <sip:b@x>;tag=2\r\nCall-ID: a1\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        s.add("REGISTER sips:example.net SIP/2.0\r\nVia: SIP/2.0/TLS [2001:db8::7]:5061;branch=z9hG4bKr;rport\r\n"
                + "Max-Forwards: 70\r\nTo: <sips:alice@example.net>\r\nFrom: <sips:alice@example.net>;tag=x\r\n"
                + "Call-ID: r2\r\nCSeq: 1 REGISTER\r\nContact: *\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n");
        return List.copyOf(s);
    }

    static byte[] seed(SplittableRandom r) {
        return SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
    }

    /** One to three mutations of a random seed (or, now and then, pure noise). */
    static byte[] mutate(SplittableRandom r) {
        if (r.nextInt(50) == 0) {
            byte[] noise = new byte[r.nextInt(2000)];
            r.nextBytes(noise);
            return noise;
        }
        byte[] b = seed(r);
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            b = mutateOnce(b, r);
        }
        return b;
    }

    static byte[] mutateOnce(byte[] b, SplittableRandom r) {
        if (b.length == 0) {
            return STRAY[r.nextInt(STRAY.length)];
        }
        switch (r.nextInt(11)) {
            case 0: { // bit flips
                byte[] c = b.clone();
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    int i = r.nextInt(c.length);
                    c[i] ^= (byte) (1 << r.nextInt(8));
                }
                return c;
            }
            case 1:
                return Arrays.copyOf(b, r.nextInt(b.length));
            case 2:
                return insert(b, r.nextInt(b.length + 1), STRAY[r.nextInt(STRAY.length)]);
            case 3:
                return duplicateLine(b, r);
            case 4:
                return replaceNumber(b, r);
            case 5: {
                byte[] junk = new byte[1 + r.nextInt(64)];
                r.nextBytes(junk);
                return insert(b, r.nextInt(b.length + 1), junk);
            }
            case 6: {
                int from = r.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + r.nextInt(40));
                byte[] c = new byte[b.length - (to - from)];
                System.arraycopy(b, 0, c, 0, from);
                System.arraycopy(b, to, c, from, b.length - to);
                return c;
            }
            case 7:
                return swapLines(b, r);
            case 8: { // a long run: over-long lines, huge headers
                byte[] run = new byte[r.nextInt(10) == 0 ? 70_000 : 1 + r.nextInt(9_000)];
                Arrays.fill(run, (byte) "a;,:<\" 9".charAt(r.nextInt(8)));
                return insert(b, r.nextInt(b.length + 1), run);
            }
            case 9: { // header names upper/lower/compact chaos: flip the case of a byte
                byte[] c = b.clone();
                int i = r.nextInt(c.length);
                if (Character.isLetter(c[i])) {
                    c[i] ^= 0x20;
                }
                return c;
            }
            default: // the same message twice, or a second message glued to the first
                return concat(b, SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static List<byte[]> lines(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                out.add(Arrays.copyOfRange(b, start, i + 1));
                start = i + 1;
            }
        }
        out.add(Arrays.copyOfRange(b, start, b.length));
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] duplicateLine(byte[] b, SplittableRandom r) {
        List<byte[]> lines = lines(b);
        int i = r.nextInt(lines.size());
        int copies = r.nextInt(10) == 0 ? 200 : 1 + r.nextInt(3); // now and then past the header count limit
        for (int k = 0; k < copies; k++) {
            lines.add(i, lines.get(i));
        }
        return join(lines);
    }

    private static byte[] swapLines(byte[] b, SplittableRandom r) {
        List<byte[]> lines = lines(b);
        int i = r.nextInt(lines.size());
        int j = r.nextInt(lines.size());
        byte[] t = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, t);
        return join(lines);
    }

    /** Replaces one run of digits (CSeq, Content-Length, Expires, ports, status) by an absurd number. */
    private static byte[] replaceNumber(byte[] b, SplittableRandom r) {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (b[i] >= '0' && b[i] <= '9') {
                int j = i;
                while (j < b.length && b[j] >= '0' && b[j] <= '9') {
                    j++;
                }
                runs.add(new int[] {i, j});
                i = j;
            }
        }
        if (runs.isEmpty()) {
            return b;
        }
        int[] run = runs.get(r.nextInt(runs.size()));
        byte[] huge = HUGE[r.nextInt(HUGE.length)].getBytes(StandardCharsets.US_ASCII);
        byte[] c = new byte[b.length - (run[1] - run[0]) + huge.length];
        System.arraycopy(b, 0, c, 0, run[0]);
        System.arraycopy(huge, 0, c, run[0], huge.length);
        System.arraycopy(b, run[1], c, run[0] + huge.length, b.length - run[1]);
        return c;
    }
}
