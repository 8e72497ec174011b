package dev.certgate.internal.facts;

import static dev.certgate.internal.rules.Field.Source.REQUEST;

import dev.certgate.internal.facts.RequestBodyMultipart.Part;
import dev.certgate.internal.rules.Field;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Where each request field's value comes from: the one table of {@link Field.Source#REQUEST}. */
final class RequestFields {
    private RequestFields() {}

    static final Bindings<RequestFacts> BINDINGS = Bindings.<RequestFacts>of(REQUEST)
            .bind(Field.HTTP_HOST, RequestFacts::host)
            .bind(Field.HTTP_REQUEST_URI, r -> r.withQuery(r.canonicalPath()))
            .bind(Field.HTTP_REQUEST_URI_PATH, RequestFacts::canonicalPath)
            .bind(Field.HTTP_REQUEST_URI_QUERY, r -> nullToEmpty(r.request().getQueryString()))
            .bind(
                    Field.HTTP_REQUEST_FULL_URI,
                    r -> r.request().getScheme() + "://" + r.host() + r.withQuery(r.canonicalPath()))
            .bind(
                    Field.RAW_HTTP_REQUEST_URI,
                    r -> r.withQuery(nullToEmpty(r.request().getRequestURI())))
            .bind(Field.RAW_HTTP_REQUEST_URI_PATH, r -> nullToEmpty(r.request().getRequestURI()))
            .bind(Field.RAW_HTTP_REQUEST_URI_QUERY, r -> nullToEmpty(r.request().getQueryString()))
            .bind(
                    Field.RAW_HTTP_REQUEST_FULL_URI,
                    r -> r.request().getScheme() + "://"
                            + nullToEmpty(r.request().getHeader("Host"))
                            + r.withQuery(nullToEmpty(r.request().getRequestURI())))
            .bind(
                    Field.HTTP_REQUEST_METHOD,
                    r -> nullToEmpty(r.request().getMethod()).toUpperCase(Locale.ROOT))
            .bind(
                    Field.HTTP_REQUEST_VERSION,
                    r -> RequestFacts.httpVersion(r.request().getProtocol()))
            .bind(Field.HTTP_USER_AGENT, r -> r.joinedHeader("User-Agent", ", "))
            .bind(Field.HTTP_REFERER, r -> r.joinedHeader("Referer", ", "))
            .bind(Field.HTTP_COOKIE, r -> r.joinedHeader("Cookie", "; "))
            .bind(Field.HTTP_REQUEST_HEADERS, RequestFacts::headerMap)
            .bind(Field.HTTP_REQUEST_HEADERS_NAMES, r -> r.headerNamesAndValues(true))
            .bind(Field.HTTP_REQUEST_HEADERS_VALUES, r -> r.headerNamesAndValues(false))
            .bind(Field.HTTP_REQUEST_HEADERS_TRUNCATED, r -> Boolean.FALSE)
            .bind(Field.HTTP_REQUEST_COOKIES, r -> RequestParts.cookies(r.headerValues("Cookie")))
            .bind(
                    Field.HTTP_REQUEST_ACCEPTED_LANGUAGES,
                    r -> RequestParts.acceptedLanguages(r.headerValues("Accept-Language")))
            .bind(Field.HTTP_X_FORWARDED_FOR, r -> r.joinedHeader("X-Forwarded-For", ", "))
            .bindPairs(
                    Field.HTTP_REQUEST_URI_ARGS,
                    Field.HTTP_REQUEST_URI_ARGS_NAMES,
                    Field.HTTP_REQUEST_URI_ARGS_VALUES,
                    RequestFields::queryArgs)
            .bindPairs(
                    Field.RAW_HTTP_REQUEST_URI_ARGS,
                    Field.RAW_HTTP_REQUEST_URI_ARGS_NAMES,
                    Field.RAW_HTTP_REQUEST_URI_ARGS_VALUES,
                    RequestFields::queryArgs)
            .bind(Field.HTTP_REQUEST_URI_PATH_EXTENSION, r -> RequestParts.extension(r.canonicalPath(), true))
            .bind(
                    Field.RAW_HTTP_REQUEST_URI_PATH_EXTENSION,
                    r -> RequestParts.extension(nullToEmpty(r.request().getRequestURI()), false))
            .bind(Field.HTTP_REQUEST_TIMESTAMP_SEC, r -> r.now().getEpochSecond())
            .bind(Field.HTTP_REQUEST_TIMESTAMP_MSEC, r -> (long) (r.now().getNano() / 1_000_000))
            .bind(Field.HTTP_REQUEST_BODY_RAW, r -> r.body().raw())
            .bind(Field.HTTP_REQUEST_BODY_SIZE, r -> r.body().size())
            .bind(Field.HTTP_REQUEST_BODY_TRUNCATED, r -> r.body().truncated())
            .bind(Field.HTTP_REQUEST_BODY_MIME, r -> r.body().mime())
            .bind(Field.HTTP_REQUEST_BODY_FORM, r -> r.body().form().asMap())
            .bind(Field.HTTP_REQUEST_BODY_FORM_NAMES, r -> r.body().form().names())
            .bind(Field.HTTP_REQUEST_BODY_FORM_VALUES, r -> r.body().form().values())
            .bind(Field.HTTP_REQUEST_BODY_MULTIPART, r -> r.body().multipart().byName())
            .bind(Field.HTTP_REQUEST_BODY_MULTIPART_NAMES, eachPart(Part::names))
            .bind(
                    Field.HTTP_REQUEST_BODY_MULTIPART_VALUES,
                    r -> r.body().multipart().values())
            .bind(
                    Field.HTTP_REQUEST_BODY_MULTIPART_PREAMBLE,
                    r -> r.body().multipart().preamble())
            .bind(
                    Field.HTTP_REQUEST_BODY_MULTIPART_HEADERS,
                    r -> r.body().multipart().headers())
            .bind(Field.HTTP_REQUEST_BODY_MULTIPART_EMPTY_PARTS_COUNT, r ->
                    (long) r.body().multipart().emptyParts())
            .bind(Field.HTTP_REQUEST_BODY_MULTIPART_FILENAMES, eachPart(Part::filenames))
            .bind(Field.HTTP_REQUEST_BODY_MULTIPART_CONTENT_TYPES, eachPart(Part::contentTypes))
            .bind(Field.HTTP_REQUEST_BODY_MULTIPART_CONTENT_DISPOSITIONS, eachPart(Part::contentDispositions))
            .bind(
                    Field.HTTP_REQUEST_BODY_MULTIPART_CONTENT_TRANSFER_ENCODINGS,
                    eachPart(Part::contentTransferEncodings))
            .bind(Field.IP_SRC, RequestFacts::remoteAddress)
            .bind(Field.SSL, r -> r.request().isSecure())
            .bind(Field.CF_TLS_VERSION, RequestFacts::tlsVersion)
            .bind(
                    Field.CF_TLS_CIPHER,
                    r -> r.request().isSecure()
                            ? RequestParts.openSslCipherName(r.attributeText(RequestFacts.CIPHER_SUITE_ATTRIBUTE))
                            : "")
            .bind(Field.CF_EDGE_SERVER_PORT, r -> (long) r.request().getLocalPort())
            .bind(
                    Field.CF_EDGE_SERVER_IP,
                    r -> RequestFacts.parseAddress(r.request().getLocalAddr()))
            .complete();

    /** Read straight from the request or the constructor each time: cheaper than a slot. */
    static final Set<Field> UNCACHED = EnumSet.of(
            Field.HTTP_HOST,
            Field.SSL,
            Field.HTTP_REQUEST_HEADERS_TRUNCATED,
            Field.HTTP_REQUEST_TIMESTAMP_SEC,
            Field.HTTP_REQUEST_TIMESTAMP_MSEC,
            Field.CF_EDGE_SERVER_PORT);

    /** Cloudflare gives the same undecoded arguments to the {@code raw.} fields and the others. */
    private static RequestParts.Pairs queryArgs(RequestFacts r) {
        return RequestParts.queryArgs(r.request().getQueryString());
    }

    /** A multipart field: one list per part of the body. */
    private static Bindings.Binding<RequestFacts> eachPart(java.util.function.Function<Part, List<String>> field) {
        return r -> r.body().multipart().each(field);
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
