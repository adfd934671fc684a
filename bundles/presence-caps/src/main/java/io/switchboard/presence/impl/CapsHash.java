package io.switchboard.presence.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

/** The XEP-0115 verification string (section 5.1) of a disco#info answer, hashed. */
final class CapsHash {

    private static final Map<String, String> DIGESTS = Map.of(
            "sha-1", "SHA-1", "sha-224", "SHA-224", "sha-256", "SHA-256", "sha-384", "SHA-384", "sha-512", "SHA-512");
    private static final QName LANG = QName.get("lang", Namespace.XML_NAMESPACE);

    private CapsHash() {
    }

    static boolean isSupported(String hash) {
        return DIGESTS.containsKey(hash);
    }

    /** base64(hash(S)) for the {@code <query xmlns='…disco#info'>} element. */
    static String ver(Element query, String hash) {
        StringBuilder s = new StringBuilder();
        List<Element> identities = new ArrayList<>(query.elements("identity"));
        identities.sort(Comparator.comparing((Element i) -> value(i.attributeValue("category")))
                .thenComparing(i -> value(i.attributeValue("type")))
                .thenComparing(i -> value(i.attributeValue(LANG)))
                .thenComparing(i -> value(i.attributeValue("name"))));
        for (Element identity : identities) {
            s.append(value(identity.attributeValue("category"))).append('/').append(value(identity.attributeValue("type")))
                    .append('/').append(value(identity.attributeValue(LANG))).append('/')
                    .append(value(identity.attributeValue("name"))).append('<');
        }
        query.elements("feature").stream().map(f -> value(f.attributeValue("var"))).sorted()
                .forEach(feature -> s.append(feature).append('<'));
        List<Element> forms = new ArrayList<>(query.elements(QName.get("x", "jabber:x:data")));
        forms.sort(Comparator.comparing(CapsHash::formType));
        for (Element form : forms) {
            s.append(formType(form)).append('<');
            form.elements("field").stream().filter(field -> !"FORM_TYPE".equals(field.attributeValue("var")))
                    .sorted(Comparator.comparing((Element field) -> value(field.attributeValue("var"))))
                    .forEach(field -> {
                        s.append(value(field.attributeValue("var"))).append('<');
                        field.elements("value").stream().map(Element::getText).sorted().forEach(v -> s.append(v).append('<'));
                    });
        }
        try {
            byte[] digest = MessageDigest.getInstance(DIGESTS.get(hash)).digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | NullPointerException e) {
            throw new IllegalArgumentException("unsupported caps hash " + hash, e);
        }
    }

    private static String formType(Element form) {
        for (Element field : form.elements("field")) {
            if ("FORM_TYPE".equals(field.attributeValue("var"))) {
                return value(field.elementText("value"));
            }
        }
        return "";
    }

    private static String value(String text) {
        return text == null ? "" : text;
    }
}
