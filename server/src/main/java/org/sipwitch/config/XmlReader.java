package org.sipwitch.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one config file into an {@link XmlElement} tree, recording the line of every
 * element through the SAX {@link Locator}.
 *
 * <p>The parser is locked down: no DOCTYPE at all (which rules out external entities,
 * entity expansion bombs and DTD fetches), no XInclude, secure processing on. A config
 * file never needs any of those, and the file may be an operator's drop-in copied from
 * somewhere.
 */
final class XmlReader {

    private XmlReader() {
    }

    static XmlElement read(Path file) throws ConfigException {
        SAXParser parser = newParser(file);
        Builder builder = new Builder(file);
        try (InputStream in = Files.newInputStream(file)) {
            InputSource source = new InputSource(in);
            source.setSystemId(file.toAbsolutePath().toUri().toString());
            parser.parse(source, builder);
        } catch (SAXParseException e) {
            throw builder.secretOpen().map(name -> inSecret(file, e.getLineNumber(), name))
                    .orElseGet(() -> malformed(file, e.getLineNumber(), e.getColumnNumber(), e));
        } catch (SAXException | RuntimeException e) {
            // Some parser failures (a DOCTYPE after the root, with DOCTYPEs disallowed) come
            // without a position; the locator still knows how far the parser got.
            Locator at = builder.locator;
            int line = at == null ? 0 : at.getLineNumber();
            throw builder.secretOpen().map(name -> inSecret(file, line, name))
                    .orElseGet(() -> malformed(file, line, at == null ? 0 : at.getColumnNumber(), e));
        } catch (NoSuchFileException e) {
            throw new ConfigException(SourcePosition.of(file), "no such file", e);
        } catch (IOException e) {
            throw new ConfigException(SourcePosition.of(file), "cannot read: " + e, e);
        }
        return builder.root;
    }

    private static ConfigException malformed(Path file, int line, int column, Exception e) {
        String where = column > 0 ? " (column " + column + ")" : "";
        return new ConfigException(new SourcePosition(file, Math.max(line, 0), Math.max(column, 0)),
                "malformed XML" + where + ": " + e.getMessage(), e);
    }

    /**
     * The parser's own message quotes the text after the fault (e.g. what follows a
     * stray {@code &}), which here is part of a password: say where and what to do
     * instead, and keep neither its message nor the exception as the cause (a logged
     * stack trace would print it). No column either: it tells where the {@code &} sits
     * in the secret.
     */
    private static ConfigException inSecret(Path file, int line, String element) {
        return new ConfigException(new SourcePosition(file, Math.max(line, 0), 0),
                "malformed XML inside <" + element + "> (its text is not shown): write & as &amp; and < as &lt;");
    }

    private static SAXParser newParser(Path file) throws ConfigException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            // Only when the JDK's parser lacks the features: a broken runtime, not a bad file.
            throw new ConfigException(SourcePosition.of(file), "no secure XML parser available: " + e, e);
        }
    }

    /** Builds the tree; one open-element frame per nesting level. */
    private static final class Builder extends DefaultHandler {
        private final Path file;
        private final Deque<Frame> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        Builder(Path file) {
            this.file = file;
        }

        /** The innermost open secret-bearing element, if the parser is inside one. */
        Optional<String> secretOpen() {
            for (Frame f : open) {
                if (SecretElements.isSecret(f.name)) {
                    return Optional.of(f.name);
                }
            }
            return Optional.empty();
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                attrs.put(attributes.getQName(i), attributes.getValue(i));
            }
            // The locator points just after the start tag; its line is the element's line
            // unless the tag itself spans lines, which is close enough for a message.
            int line = locator == null ? 0 : locator.getLineNumber();
            int column = locator == null ? 0 : locator.getColumnNumber();
            open.push(new Frame(qName, attrs, new SourcePosition(file, line, column)));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            Frame frame = open.peek();
            if (frame != null) {
                frame.text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Frame frame = open.pop();
            XmlElement element = new XmlElement(frame.name, frame.attributes, frame.text.toString(),
                    frame.children, frame.position);
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children.add(element);
            }
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            // Belt and braces: DOCTYPEs are refused already, but never fetch anything.
            throw new SAXException("external entities are not allowed: " + systemId);
        }
    }

    private static final class Frame {
        final String name;
        final Map<String, String> attributes;
        final SourcePosition position;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Frame(String name, Map<String, String> attributes, SourcePosition position) {
            this.name = name;
            this.attributes = attributes;
            this.position = position;
        }
    }
}
