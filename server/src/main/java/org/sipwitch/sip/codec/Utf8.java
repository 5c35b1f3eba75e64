package org.sipwitch.sip.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Whether header bytes are well-formed UTF-8 (RFC 3629): overlong forms and surrogates are not. */
final class Utf8 {
    private Utf8() {
    }

    static boolean isWellFormed(byte[] bytes, int length) {
        try {
            // a decoder that reports instead of replacing; only lines with octets >= 0x80 come here
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
