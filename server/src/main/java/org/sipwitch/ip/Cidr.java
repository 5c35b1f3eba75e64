package org.sipwitch.ip;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code ::1/128};
 * a bare address is a single host ({@code /32} or {@code /128}).
 *
 * <p>Host bits below the prefix are cleared ({@code 192.168.1.7/24} means
 * {@code 192.168.1.0/24}): the operator meant the network. An IPv4-mapped IPv6
 * address ({@code ::ffff:10.0.0.1}, as a dual-stack socket may report) is matched
 * as the IPv4 address it carries; otherwise an IPv4 network never contains an IPv6
 * address and vice versa, even for {@code /0}.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses a CIDR or bare address; the message of the exception says what is wrong. */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> address = IpLiteral.parse(addressText);
        if (address.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 or IPv6 address or network");
        }
        byte[] bytes = address.get().getAddress();
        // "::ffff:10.0.0.0/104" comes back from the JDK as IPv4: shift the prefix to match
        boolean mappedV6 = addressText.indexOf(':') >= 0 && address.get() instanceof Inet4Address;
        int maxPrefix = mappedV6 ? 128 : bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String prefixText = text.substring(slash + 1);
            if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(prefixText) > maxPrefix) {
                throw new IllegalArgumentException("\"" + text + "\": prefix length must be a number from 0 to "
                        + maxPrefix);
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (mappedV6) {
            if (prefix < 96) {
                throw new IllegalArgumentException("\"" + text + "\": an IPv4-mapped network needs a prefix of 96 or more");
            }
            prefix -= 96;
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    public static Cidr host(InetAddress address) {
        byte[] bytes = IpLiteral.normalizedBytes(address);
        return new Cidr(bytes, bytes.length * 8);
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] candidate = IpLiteral.normalizedBytes(address);
        if (candidate.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefix), network);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public int prefixLength() {
        return prefix;
    }

    public InetAddress network() {
        try {
            return InetAddress.getByAddress(network.clone());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes, cannot happen
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff00 >> bitsHere);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefix == other.prefix && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** Canonical form, always with the prefix: {@code 127.0.0.0/8}, {@code ::1/128}. */
    @Override
    public String toString() {
        return IpLiteral.format(network()) + "/" + prefix;
    }
}
