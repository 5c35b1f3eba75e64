package org.sipwitch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.config.ConfigFiles.dropIn;
import static org.sipwitch.config.ConfigFiles.failsAt;
import static org.sipwitch.config.ConfigFiles.main;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad config is refused with a message naming the file and the right line. */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    @Test
    void badNumberNamesLineAndValue() {
        Path file = main(dir, """
                <sipwitch>
                  <stack>
                    <port>50a60</port>
                  </stack>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessage(file + ":3: <port> must be a number from 0 to 65535, got \"50a60\"");
    }

    @Test
    void portOutOfRange() {
        Path file = main(dir, "<sipwitch><stack><port>65536</port></stack></sipwitch>");
        failsAt(file, 1).hasMessageContaining("got \"65536\"");
    }

    @Test
    void badCidrNamesLine() {
        Path file = main(dir, """
                <sipwitch>
                  <access>
                    <trusted>127.0.0.0/8</trusted>
                    <trusted>10.0.0.0/8 192.168.1.0/33</trusted>
                  </access>
                </sipwitch>
                """);
        failsAt(file, 4).hasMessageContaining("<trusted>").hasMessageContaining("192.168.1.0/33")
                .hasMessageContaining("0 to 32");
    }

    @Test
    void hostNameIsNotACidr() {
        Path file = main(dir, """
                <sipwitch>
                  <access>
                    <restricted>localhost</restricted>
                  </access>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessageContaining("\"localhost\" is not an IPv4 or IPv6 address");
    }

    @Test
    void extensionOutsideRange() {
        Path file = main(dir, """
                <sipwitch>
                  <registry><prefix>200</prefix><range>100</range></registry>
                  <provision>
                    <user id="alice">
                      <extension>300</extension>
                      <secret>x</secret>
                    </user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 5).hasMessageContaining("<extension> 300 is outside the registry range 200..299");
    }

    @Test
    void extensionWithLeadingZero() {
        Path file = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="alice"><extension>0201</extension><secret>x</secret></user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessageContaining("leading zeros");
    }

    @Test
    void duplicateIdAcrossTwoFilesNamesBoth() {
        Path mainFile = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="alice">
                      <secret>x</secret>
                    </user>
                  </provision>
                </sipwitch>
                """);
        Path dropIn = dropIn(dir, "more.xml", """
                <sipwitch>
                  <provision>
                    <user id="bob"><secret>y</secret></user>

                    <user id="alice"><secret>z</secret></user>
                  </provision>
                </sipwitch>
                """);
        failsAt(dropIn, 5).hasMessageContaining("user id \"alice\"").hasMessageContaining(mainFile + ":3");
    }

    @Test
    void duplicateExtensionAcrossFilesNamesBoth() {
        Path mainFile = main(dir, """
                <sipwitch>
                  <registry><prefix>200</prefix><range>100</range></registry>
                  <provision>
                    <user id="alice">
                      <extension>201</extension>
                      <secret>x</secret>
                    </user>
                  </provision>
                </sipwitch>
                """);
        Path dropIn = dropIn(dir, "more.xml", """
                <sipwitch>
                  <provision>
                    <user id="bob">
                      <secret>y</secret>
                      <extension>201</extension>
                    </user>
                  </provision>
                </sipwitch>
                """);
        failsAt(dropIn, 5).hasMessageContaining("extension 201 of user \"bob\"")
                .hasMessageContaining("extension 201 of user \"alice\" at " + mainFile + ":5");
    }

    @Test
    void aliasClashingWithAnotherUsersId() {
        Path file = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="alice"><secret>x</secret></user>
                    <user id="bob"><secret>y</secret>
                      <alias>alice</alias>
                    </user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 5).hasMessageContaining("alias \"alice\" of user \"bob\"")
                .hasMessageContaining("user id \"alice\" at " + file + ":3");
    }

    @Test
    void ha1OfWrongLengthForAlgorithm() {
        Path file = main(dir, """
                <sipwitch>
                  <registry><digest>sha-256</digest></registry>
                  <provision>
                    <user id="alice">
                      <digest>939e7578ed9e3c518a452acee763bce9</digest>
                    </user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 5).hasMessageContaining("must be 64 hex digits for sha-256")
                .hasMessageNotContaining("939e7578");
    }

    @Test
    void ha1WithNonHexCharacters() {
        Path file = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="alice"><digest>zz9e7578ed9e3c518a452acee763bce9</digest></user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessageContaining("non-hex");
    }

    @Test
    void secretAndDigestTogether() {
        Path file = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="alice">
                      <secret>x</secret>
                      <digest>939e7578ed9e3c518a452acee763bce9</digest>
                    </user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 5).hasMessageContaining("both <secret> (line 4) and <digest>");
    }

    @Test
    void userWithoutCredentials() {
        Path file = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="alice"><extension>201</extension></user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessageContaining("needs a <secret> or a <digest>");
    }

    @Test
    void reservedSystemUser() {
        Path file = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="System"><secret>x</secret></user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessageContaining("\"System\" is reserved");
    }

    @Test
    void malformedXmlNamesParserLine() {
        Path file = main(dir, """
                <sipwitch>
                  <stack>
                    <port>5060</port>
                  </stak>
                </sipwitch>
                """);
        failsAt(file, 4).hasMessageContaining("malformed XML");
    }

    @Test
    void unknownElementIsAnErrorListingTheKnownOnes() {
        Path file = main(dir, """
                <sipwitch>
                  <stack>
                    <interface>127.0.0.1</interface>
                    <prot>5060</prot>
                  </stack>
                </sipwitch>
                """);
        failsAt(file, 4).hasMessageContaining("unknown element <prot> in <stack>").hasMessageContaining("port");
    }

    @Test
    void unknownSectionIsAnError() {
        Path file = main(dir, """
                <sipwitch>

                  <registar><realm>x</realm></registar>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessageContaining("unknown section <registar>");
    }

    @Test
    void unknownAttributeIsAnError() {
        Path file = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="alice" ext="201"><secret>x</secret></user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 3).hasMessageContaining("unknown attribute ext=");
    }

    @Test
    void singleValuedElementGivenTwice() {
        Path file = main(dir, """
                <sipwitch>
                  <registry>
                    <realm>a</realm>
                    <realm>b</realm>
                  </registry>
                </sipwitch>
                """);
        failsAt(file, 4).hasMessageContaining("<realm> given twice in <registry> (first at " + file + ":3)");
    }

    @Test
    void wrongRootElement() {
        Path file = main(dir, "<config/>");
        failsAt(file, 1).hasMessageContaining("root element must be <sipwitch>");
    }

    @Test
    void interfaceMustBeALiteralNotAHostName() {
        Path file = main(dir, """
                <sipwitch>
                  <stack><interface>127.0.0.l</interface></stack>
                </sipwitch>
                """);
        failsAt(file, 2).hasMessageContaining("<interface> must be * or an IPv4/IPv6 address, got \"127.0.0.l\"");
    }

    @Test
    void unknownTransportAndDigest() {
        Path file = main(dir, "<sipwitch>\n<stack><transport>udp sctp</transport></stack></sipwitch>");
        failsAt(file, 2).hasMessageContaining("got \"sctp\"");
        main(dir, "<sipwitch>\n\n<registry><digest>sha1</digest></registry></sipwitch>");
        failsAt(file, 3).hasMessageContaining("<digest> must be md5 or sha-256, got \"sha1\"");
    }

    @Test
    void missingKeystoreFileNamesLine() {
        Path file = main(dir, """
                <sipwitch>
                  <stack>
                    <transport>udp tcp tls</transport>
                    <tls>
                      <keystore>missing.p12</keystore>
                    </tls>
                  </stack>
                </sipwitch>
                """);
        failsAt(file, 5).hasMessageContaining("not a readable file");
    }

    @Test
    void expiresOutsideMinMax() {
        Path file = main(dir, """
                <sipwitch>
                  <registry>
                    <min-expires>120</min-expires>
                    <expires>60</expires>
                  </registry>
                </sipwitch>
                """);
        failsAt(file, 4).hasMessageContaining("<expires> 60 must lie between <min-expires> 120");
    }

    @Test
    void badDropInReportsTheDropInFile() {
        main(dir, "<sipwitch/>");
        Path dropIn = dropIn(dir, "lab.xml", """
                <sipwitch>
                  <timers><ring>-1</ring></timers>
                </sipwitch>
                """);
        failsAt(dropIn, 2).hasMessageContaining("<ring> must be a number from 1 to 60");
    }

    @Test
    void dropInWithInvalidNameIsReported() {
        main(dir, "<sipwitch/>");
        Path bad = dropIn(dir, "my lab.xml", "<sipwitch/>");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("sipwitch.xml")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(bad + ": ");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.xml");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void doctypeAndExternalEntitiesAreRefused() {
        Path secretFile = ConfigFiles.write(dir.resolve("etc-passwd"), "root:x:0:0");
        Path file = main(dir, """
                <?xml version="1.0"?>
                <!DOCTYPE sipwitch [ <!ENTITY xxe SYSTEM "%s"> ]>
                <sipwitch><registry><realm>&xxe;</realm></registry></sipwitch>
                """.formatted(secretFile.toUri()));
        failsAt(file, 2).hasMessageContaining("DOCTYPE").hasMessageNotContaining("root:x");
    }

    @Test
    void doctypeAfterTheRootStillNamesALine() {
        Path file = main(dir, "<sipwitch>\n<timers/>\n<!DOCTYPE x>\n</sipwitch>");
        failsAt(file, 3).hasMessageContaining("malformed XML");
    }

    @Test
    void unknownUserStatus() {
        Path file = main(dir, "<sipwitch>\n<registry>\n<unknown-user>405</unknown-user></registry></sipwitch>");
        failsAt(file, 3).hasMessage(file + ":3: <unknown-user> must be 403 or 404, got \"405\"");
    }

    @Test
    void errorCarriesPositionAndProblemSeparately() {
        Path file = main(dir, "<sipwitch>\n<timers><cfna>x</cfna></timers></sipwitch>");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.position()).get().extracting(SourcePosition::line).isEqualTo(2);
            assertThat(e.problem()).startsWith("<cfna> must be a number");
        });
    }

    @Test
    void aStrayAmpersandInASecretNamesFileAndLineButNoFragment() {
        Path file = main(dir, """
                <sipwitch>
                  <provision>
                    <user id="alice"><extension>201</extension>
                      <secret>s3cret&Fragment99 tail</secret></user>
                  </provision>
                </sipwitch>
                """);
        failsAt(file, 4).hasMessage(file + ":4: malformed XML inside <secret> (its text is not shown): "
                        + "write & as &amp; and < as &lt;")
                .hasNoCause()
                .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain("Fragment99").doesNotContain("s3cret"));
    }

    @Test
    void everySecretBearingElementHidesItsText() {
        for (String xml : new String[] {
                "<provision><user id=\"a\"><digest>Head77&Fragment99;cd</digest></user></provision>",
                "<stack><tls><keystore>k.p12</keystore><password>Head77&Fragment99</password></tls></stack>",
                "<provision><user id=\"a\"><secret>Head77<Fragment99/>x</secret></user></provision>"}) {
            Path file = main(dir, "<sipwitch>\n" + xml + "\n</sipwitch>\n");
            failsAt(file, 2).satisfies(e -> assertThat(e.getMessage()).doesNotContain("Fragment99")
                    .doesNotContain("Head77"));
        }
    }

    @Test
    void errorsOutsideSecretsStillQuoteTheParser() {
        Path file = main(dir, "<sipwitch>\n<registry><realm>a&b</realm></registry>\n</sipwitch>\n");
        failsAt(file, 2).hasMessageContaining("malformed XML (column").hasMessageContaining("\"b\"");
    }
}
