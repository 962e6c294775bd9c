package org.statehub.http;

import java.util.List;
import java.util.Map;

/**
 * The one factory of error bodies. Types, titles and details follow the Ed-Fi ODS/API texts (RESOURCES.md 2.9);
 * the correlation id is added where the response is written.
 */
public final class Problems {

    public static final String URN = "urn:ed-fi:api";
    public static final String DATA_VALIDATION_FAILED = URN + ":bad-request:data-validation-failed";
    public static final String KEY_CHANGE_NOT_SUPPORTED = DATA_VALIDATION_FAILED + ":key-change-not-supported";
    public static final String PARAMETER_VALIDATION_FAILED = URN + ":bad-request:parameter-validation-failed";
    public static final String BAD_REQUEST = URN + ":bad-request";
    public static final String NOT_FOUND = URN + ":not-found";
    public static final String METHOD_NOT_ALLOWED = URN + ":method-not-allowed";
    public static final String AUTHENTICATION = URN + ":security:authentication";
    public static final String AUTHORIZATION = URN + ":security:authorization";
    public static final String NOT_ACCEPTABLE = URN + ":not-acceptable";
    public static final String URI_TOO_LONG = URN + ":uri-too-long";
    public static final String HEADERS_TOO_LARGE = URN + ":request-header-fields-too-large";
    public static final String TOO_MANY_REQUESTS = URN + ":too-many-requests";
    public static final String DATA_CONFLICT = URN + ":data-conflict";
    public static final String UNRESOLVED_REFERENCE = URN + ":data-conflict:unresolved-reference";
    public static final String DEPENDENT_ITEM_EXISTS = URN + ":data-conflict:dependent-item-exists";
    public static final String NON_UNIQUE_IDENTITY = URN + ":data-conflict:non-unique-identity";
    public static final String OPTIMISTIC_LOCK_FAILED = URN + ":optimistic-lock-failed";
    public static final String UNSUPPORTED_MEDIA_TYPE = URN + ":unsupported-media-type";
    public static final String PAYLOAD_TOO_LARGE = URN + ":payload-too-large";
    public static final String SYSTEM = URN + ":system";
    public static final String INVALID_PROFILE_USAGE = URN + ":profile:invalid-profile-usage";
    public static final String DATA_POLICY_INCORRECT_USAGE = URN + ":security:data-policy:incorrect-usage";
    public static final String DATA_POLICY_ENFORCED = URN + ":data-policy-enforced";

    private static final String INVALID_CONSTRUCTION = "The request construction was invalid.";
    private static final String VALIDATION_TITLE = "Data Validation Failed";

    private Problems() {}

    /**
     * A problem of {@code type} with its {@code title}, {@code status} and {@code detail}, and {@code errors} when
     * any are given (none: no {@code errors} member).
     */
    public static Problem of(String type, String title, int status, String detail, String... errors) {
        return new Problem(type, title, status, detail, null, null, errors.length == 0 ? null : List.of(errors));
    }

    public static Problem dataValidation(Map<String, List<String>> validationErrors) {
        return dataValidation(validationErrors, List.of());
    }

    public static Problem constructedIncorrectly(String error) {
        return of(
                DATA_VALIDATION_FAILED, VALIDATION_TITLE, 400, "The request data was constructed incorrectly.", error);
    }

    public static Problem keyChangeNotSupported(String resourceName) {
        return of(
                KEY_CHANGE_NOT_SUPPORTED,
                "Key Change Not Supported",
                400,
                "Identifying values for the " + resourceName
                        + " data cannot be changed. Delete and recreate the item instead.");
    }

    public static Problem parameterValidation(List<String> errors) {
        return new Problem(
                PARAMETER_VALIDATION_FAILED,
                "Parameter Validation Failed",
                400,
                INVALID_CONSTRUCTION,
                null,
                null,
                errors);
    }

    public static Problem badRequest(String error) {
        return of(
                BAD_REQUEST,
                "Bad Request",
                400,
                "The request could not be processed. See 'errors' for details.",
                error);
    }

    /** 401: no valid token; {@code error} says what is wrong with the {@code Authorization} header. */
    public static Problem unauthenticated(String error) {
        return of(AUTHENTICATION, "Authentication Failed", 401, "The caller could not be authenticated.", error);
    }

    /** 403: the caller is known but may not do this; {@code error} says why. */
    public static Problem forbidden(String error) {
        return forbidden(AUTHORIZATION, error);
    }

    /** 403 of a more specific {@code type} (a subtype of {@link #AUTHORIZATION}). */
    public static Problem forbidden(String type, String error) {
        return of(type, "Authorization Denied", 403, "Access to the requested data could not be authorized.", error);
    }

    /**
     * A profile-based media type used wrongly (docs/decisions/0020, part 2, as the ODS/API): 400 for a malformed
     * one, one of another resource or of the wrong usage; 406 for a profile this host does not offer the caller.
     */
    public static Problem invalidProfileUsage(int status, String error) {
        return new Problem(
                INVALID_PROFILE_USAGE,
                "Invalid Profile Usage",
                status,
                "The request construction was invalid with respect to usage of a data policy.",
                null,
                null,
                List.of(error));
    }

    /** 403: the caller's profile assignments require another profile-based media type for this request. */
    public static Problem dataPolicyIncorrectUsage(String error) {
        return new Problem(
                DATA_POLICY_INCORRECT_USAGE,
                "Data Policy Failure Due to Incorrect Usage",
                403,
                "A data policy failure was encountered. The request was not constructed correctly for the data "
                        + "policy that has been applied to this data for the caller.",
                null,
                null,
                List.of(error));
    }

    /**
     * 400: an item cannot be created under the profile, whose writable content leaves out the required
     * {@code members} (JSON paths); the ODS/API's data policy, its text, and the members named.
     */
    public static Problem dataPolicyEnforced(String profile, List<String> members) {
        Map<String, List<String>> named = new java.util.LinkedHashMap<>();
        for (String member : members) {
            named.put(member, List.of("This required member is excluded by the profile '" + profile + "'."));
        }
        return new Problem(
                DATA_POLICY_ENFORCED,
                "Data Policy Enforced",
                400,
                "The resource cannot be created because a data policy has been applied to the request that prevents "
                        + "it.",
                null,
                named,
                List.of("The Profile definition for '" + profile + "' excludes (or does not include) one or more "
                        + "required data elements needed to create the resource."));
    }

    /** 406: none of the media types the caller accepts can be produced. */
    public static Problem notAcceptable(String accept) {
        return of(
                NOT_ACCEPTABLE,
                "Not Acceptable",
                406,
                "The response can only be sent as 'application/json'.",
                "Accept '" + accept + "' cannot be satisfied.");
    }

    /** 414: the request line is longer than this API reads. */
    public static Problem uriTooLong(long limit) {
        return uriTooLong("Request URIs may be at most " + limit + " characters.");
    }

    /** 431: the request's headers are larger than this API reads. */
    public static Problem headersTooLarge(long limit) {
        return headersTooLarge("Request headers may be at most " + limit + " bytes in all.");
    }

    /** 429: over the caller's rate; to be sent with {@code Retry-After}. */
    public static Problem tooManyRequests(long retryAfterSeconds) {
        return of(
                TOO_MANY_REQUESTS,
                "Too Many Requests",
                429,
                "This client has sent too many requests. Try again shortly.",
                "Retry after " + retryAfterSeconds + " second(s).");
    }

    /** 409 for a state of the stored data that refuses the request, when no more specific type fits. */
    public static Problem conflict(String detail) {
        return of(DATA_CONFLICT, "Conflict", 409, detail);
    }

    /**
     * A problem for a status the framework chose (an HTTP-level refusal); the type is derived from the status.
     */
    public static Problem ofStatus(int status, String reason) {
        return switch (status) {
            case 401 -> unauthenticated("Authorization header is missing or not valid.");
            case 404 -> dataNotFound();
            case 405 -> methodNotAllowed("The requested method is not supported by this endpoint.");
            case 406 -> notAcceptable("*/*");
            case 413 -> payloadTooLarge();
            case 414 -> uriTooLong();
            case 415 -> unsupportedMediaType("");
            case 431 -> headersTooLarge();
            default ->
                status >= 500
                        ? unexpected()
                        : of(
                                BAD_REQUEST,
                                reason == null || reason.isBlank() ? "Bad Request" : reason,
                                status,
                                "The request could not be processed.");
        };
    }

    public static Problem notFound(String detail) {
        return of(NOT_FOUND, "Not Found", 404, detail);
    }

    public static Problem itemNotFound() {
        return notFound("The specified item could not be found.");
    }

    public static Problem dataNotFound() {
        return notFound("The specified data could not be found.");
    }

    public static Problem methodNotAllowed(String error) {
        return of(METHOD_NOT_ALLOWED, "Method Not Allowed", 405, INVALID_CONSTRUCTION, error);
    }

    /** 409: the referenced {@code resourceName} item does not exist; {@code errors} say which, when given. */
    public static Problem unresolvedReference(String resourceName, String... errors) {
        return of(
                UNRESOLVED_REFERENCE,
                "Unresolved Reference",
                409,
                "The referenced '" + resourceName + "' item does not exist.",
                errors);
    }

    public static Problem dependentItemExists(String dependentResourceName) {
        return of(
                DEPENDENT_ITEM_EXISTS,
                "Dependent Item Exists",
                409,
                "The requested action cannot be performed because this item is referenced by an existing '"
                        + dependentResourceName + "' item.");
    }

    public static Problem nonUniqueIdentity(String resourceName) {
        return of(
                NON_UNIQUE_IDENTITY,
                "Identifying Values Are Not Unique",
                409,
                "The identifying values of the " + resourceName + " are already used by another item.");
    }

    public static Problem optimisticLockFailed() {
        return of(
                OPTIMISTIC_LOCK_FAILED,
                "Optimistic Lock Failed",
                412,
                "The item has been modified by another user.",
                "The resource item's etag value does not match what was specified in the 'If-Match' "
                        + "request header indicating that it has been modified by another client since it was "
                        + "last retrieved.");
    }

    public static Problem unsupportedMediaType(String contentType) {
        return unsupportedMediaTypeBecause("Content type '" + contentType + "' is not supported.");
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return payloadTooLarge("Request bodies may be at most " + limitBytes + " bytes.");
    }

    public static Problem unexpected() {
        return of(
                SYSTEM,
                "Internal Server Error",
                500,
                "An unexpected problem has occurred. Quote the correlation id to the administrator.");
    }

    /** 503: the service cannot answer now; {@code errors} say why, when given. */
    public static Problem unavailable(String detail, String... errors) {
        return of(SYSTEM + ":unavailable", "Service Unavailable", 503, detail, errors);
    }

    /**
     * Data validation failed; {@code errors} says what the answer leaves out when there were more findings than it
     * carries (empty when none were left out).
     */
    public static Problem dataValidation(Map<String, List<String>> validationErrors, List<String> errors) {
        return new Problem(
                DATA_VALIDATION_FAILED,
                VALIDATION_TITLE,
                400,
                "Data validation failed. See 'validationErrors' for details.",
                null,
                validationErrors,
                errors.isEmpty() ? null : errors);
    }

    /** A write without a Content-Type header. */
    public static Problem contentTypeRequired() {
        return unsupportedMediaTypeBecause(
                "The Content-Type header is missing or empty; send 'Content-Type: application/json'.");
    }

    private static Problem unsupportedMediaTypeBecause(String error) {
        return of(
                UNSUPPORTED_MEDIA_TYPE,
                "Unsupported Media Type",
                415,
                "The request body must be sent as 'application/json'.",
                error);
    }

    private static Problem payloadTooLarge(String... errors) {
        return of(
                PAYLOAD_TOO_LARGE,
                "Payload Too Large",
                413,
                "The request body is larger than this API accepts.",
                errors);
    }

    private static Problem uriTooLong(String... errors) {
        return of(URI_TOO_LONG, "URI Too Long", 414, "The request URI is longer than this API accepts.", errors);
    }

    private static Problem headersTooLarge(String... errors) {
        return of(
                HEADERS_TOO_LARGE,
                "Request Header Fields Too Large",
                431,
                "The request headers are larger than this API accepts.",
                errors);
    }
}
