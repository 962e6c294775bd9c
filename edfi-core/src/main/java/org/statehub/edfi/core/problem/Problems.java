package org.statehub.edfi.core.problem;

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
    public static final String UNRESOLVED_REFERENCE = URN + ":data-conflict:unresolved-reference";
    public static final String DEPENDENT_ITEM_EXISTS = URN + ":data-conflict:dependent-item-exists";
    public static final String NON_UNIQUE_IDENTITY = URN + ":data-conflict:non-unique-identity";
    public static final String OPTIMISTIC_LOCK_FAILED = URN + ":optimistic-lock-failed";
    public static final String UNSUPPORTED_MEDIA_TYPE = URN + ":unsupported-media-type";
    public static final String PAYLOAD_TOO_LARGE = URN + ":payload-too-large";
    public static final String SYSTEM = URN + ":system";

    private static final String INVALID_CONSTRUCTION = "The request construction was invalid.";

    private Problems() {
    }

    public static Problem dataValidation(Map<String, List<String>> validationErrors) {
        return new Problem(DATA_VALIDATION_FAILED, "Data Validation Failed", 400,
                "Data validation failed. See 'validationErrors' for details.", null, validationErrors, null);
    }

    public static Problem constructedIncorrectly(String error) {
        return new Problem(DATA_VALIDATION_FAILED, "Data Validation Failed", 400,
                "The request data was constructed incorrectly.", null, null, List.of(error));
    }

    public static Problem keyChangeNotSupported(String resourceName) {
        return new Problem(KEY_CHANGE_NOT_SUPPORTED, "Key Change Not Supported", 400,
                "Identifying values for the " + resourceName
                        + " data cannot be changed. Delete and recreate the item instead.", null, null, null);
    }

    public static Problem parameterValidation(List<String> errors) {
        return new Problem(PARAMETER_VALIDATION_FAILED, "Parameter Validation Failed", 400, INVALID_CONSTRUCTION,
                null, null, errors);
    }

    public static Problem badRequest(String error) {
        return new Problem(BAD_REQUEST, "Bad Request", 400,
                "The request could not be processed. See 'errors' for details.", null, null, List.of(error));
    }

    public static Problem notFound(String detail) {
        return new Problem(NOT_FOUND, "Not Found", 404, detail, null, null, null);
    }

    public static Problem itemNotFound() {
        return notFound("The specified item could not be found.");
    }

    public static Problem dataNotFound() {
        return notFound("The specified data could not be found.");
    }

    public static Problem methodNotAllowed(String error) {
        return new Problem(METHOD_NOT_ALLOWED, "Method Not Allowed", 405, INVALID_CONSTRUCTION, null, null,
                List.of(error));
    }

    public static Problem unresolvedReference(String resourceName) {
        return new Problem(UNRESOLVED_REFERENCE, "Unresolved Reference", 409,
                "The referenced '" + resourceName + "' item does not exist.", null, null, null);
    }

    public static Problem dependentItemExists(String dependentResourceName) {
        return new Problem(DEPENDENT_ITEM_EXISTS, "Dependent Item Exists", 409,
                "The requested action cannot be performed because this item is referenced by an existing '"
                        + dependentResourceName + "' item.", null, null, null);
    }

    public static Problem nonUniqueIdentity(String resourceName) {
        return new Problem(NON_UNIQUE_IDENTITY, "Identifying Values Are Not Unique", 409,
                "The identifying values of the " + resourceName + " are already used by another item.", null, null,
                null);
    }

    public static Problem optimisticLockFailed() {
        return new Problem(OPTIMISTIC_LOCK_FAILED, "Optimistic Lock Failed", 412,
                "The item has been modified by another user.", null, null,
                List.of("The resource item's etag value does not match what was specified in the 'If-Match' "
                        + "request header indicating that it has been modified by another client since it was "
                        + "last retrieved."));
    }

    public static Problem unsupportedMediaType(String contentType) {
        return new Problem(UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", 415,
                "The request body must be sent as 'application/json'.", null, null,
                List.of("Content type '" + contentType + "' is not supported."));
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return new Problem(PAYLOAD_TOO_LARGE, "Payload Too Large", 413,
                "The request body is larger than this API accepts.", null, null,
                List.of("Request bodies may be at most " + limitBytes + " bytes."));
    }

    public static Problem unexpected() {
        return new Problem(SYSTEM, "Internal Server Error", 500,
                "An unexpected problem has occurred. Quote the correlation id to the administrator.", null, null,
                null);
    }

    public static Problem unavailable(String detail) {
        return new Problem(SYSTEM + ":unavailable", "Service Unavailable", 503, detail, null, null, null);
    }

    /**
     * Data validation failed; {@code errors} says what the answer leaves out when there were more findings than it
     * carries (empty when none were left out).
     */
    public static Problem dataValidation(Map<String, List<String>> validationErrors, List<String> errors) {
        return new Problem(DATA_VALIDATION_FAILED, "Data Validation Failed", 400,
                "Data validation failed. See 'validationErrors' for details.", null, validationErrors,
                errors.isEmpty() ? null : errors);
    }

    /** A value the data store refused as not valid for it (an SQLSTATE class 22 data exception). */
    public static Problem dataNotStorable() {
        return new Problem(DATA_VALIDATION_FAILED, "Data Validation Failed", 400,
                "The request data was constructed incorrectly.", null, null,
                List.of("A value of the request cannot be stored: it is outside what the data store accepts "
                        + "(for example a number or date out of range, or characters that are not text)."));
    }

    /** The data store refused the write as breaking one of its rules (an SQLSTATE class 23 integrity violation). */
    public static Problem dataConflict() {
        return new Problem(URN + ":data-conflict", "Data Conflict", 409,
                "The request conflicts with data already stored (for example another item with the same "
                        + "identifying values written at the same moment). Read the item and try again.", null,
                null, null);
    }

    /** The request goes beyond a limit of the data store (an SQLSTATE class 54 program limit exceeded). */
    public static Problem dataTooComplex() {
        return new Problem(DATA_VALIDATION_FAILED, "Data Validation Failed", 400,
                "The request data was constructed incorrectly.", null, null,
                List.of("The request data is too large or too deeply nested for the data store."));
    }

    /** A write without a Content-Type header. */
    public static Problem contentTypeRequired() {
        return new Problem(UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", 415,
                "The request body must be sent as 'application/json'.", null, null,
                List.of("The Content-Type header is missing or empty; send 'Content-Type: application/json'."));
    }
}
