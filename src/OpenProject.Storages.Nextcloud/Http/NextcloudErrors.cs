using System.Net;

namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>
/// The error-mapping table: Nextcloud's HTTP, WebDAV (Sabre) and OCS answers to
/// <see cref="StorageException"/>s. Messages name the operation, never a URL, token or password.
/// </summary>
internal static class NextcloudErrors
{
    /// <summary>A WebDAV answer. <paramref name="parentMissingOn404"/>: a PUT's 404 means the folder is missing.</summary>
    public static StorageException FromDav(string operation, HttpStatusCode status, string? detail, bool parentMissingOn404 = false)
    {
        var code = (int)status;
        return code switch
        {
            401 => Unauthorized(operation, code, detail),
            403 => new(StorageErrorCode.Forbidden, $"Nextcloud refused {operation}: the user lacks permission.", code, detail),
            404 when parentMissingOn404 => ParentMissing(operation, code, detail),
            404 => new(StorageErrorCode.NotFound, $"Nextcloud did not find the file or folder ({operation}).", code, detail),
            405 => new(StorageErrorCode.Conflict, $"Nextcloud refused {operation}: an item of that name already exists.", code, detail),
            409 => ParentMissing(operation, code, detail),
            412 => new(StorageErrorCode.Conflict, $"Nextcloud refused {operation}: the destination already exists.", code, detail),
            423 => new(StorageErrorCode.Locked, $"Nextcloud refused {operation}: the item is locked.", code, detail),
            507 => new(StorageErrorCode.InsufficientStorage, $"Nextcloud refused {operation}: not enough storage space (quota).", code, detail),
            400 or 413 or 415 => new(StorageErrorCode.InvalidRequest, $"Nextcloud rejected {operation} as invalid (HTTP {code}).", code, detail),
            >= 500 => Unavailable(operation, code, detail),
            _ => new(StorageErrorCode.Unknown, $"Nextcloud answered {operation} with HTTP {code}.", code, detail),
        };
    }

    /// <summary>An OCS status code (from <c>meta.statuscode</c> or an entry's <c>statuscode</c>).</summary>
    public static StorageException FromOcs(string operation, int ocsStatus, int httpStatus, string? detail) => ocsStatus switch
    {
        997 or 401 => Unauthorized(operation, httpStatus, detail),
        998 or 404 => new(StorageErrorCode.NotFound, $"Nextcloud did not find the file or folder ({operation}).", httpStatus, detail),
        403 => new(StorageErrorCode.Forbidden, $"Nextcloud refused {operation}: the user lacks permission.", httpStatus, detail),
        400 => new(StorageErrorCode.InvalidRequest, $"Nextcloud rejected {operation} as invalid.", httpStatus, detail),
        996 or 999 or >= 500 => Unavailable(operation, httpStatus, detail),
        _ => new(StorageErrorCode.Unknown, $"Nextcloud answered {operation} with OCS status {ocsStatus}.", httpStatus, detail),
    };

    public static StorageException Unauthorized(string operation, int? httpStatus, string? detail) =>
        new(StorageErrorCode.Unauthorized, $"Nextcloud did not accept the credentials for {operation}: the user must log in to Nextcloud again.", httpStatus, detail);

    public static StorageException Unavailable(string operation, int? httpStatus, string? detail, Exception? inner = null) =>
        new(StorageErrorCode.Unavailable, httpStatus is { } status ? $"Nextcloud is unavailable ({operation}: HTTP {status})." : $"Nextcloud could not be reached ({operation}).", httpStatus, detail, inner);

    /// <summary>A 429 or 503 whose <c>Retry-After</c> asks for a longer wait than <see cref="NextcloudStorageOptions.MaxRetryAfter"/>.</summary>
    public static StorageException RetryAfterTooLong(string operation, int httpStatus, TimeSpan wish, TimeSpan bound) =>
        new(StorageErrorCode.Unavailable, $"Nextcloud is unavailable ({operation}: HTTP {httpStatus}) and asked to retry after {Describe(wish)}, longer than the {Describe(bound)} this storage waits (MaxRetryAfter). Try again later.", httpStatus);

    private static string Describe(TimeSpan wait) =>
        wait.TotalDays >= 2 ? $"{Math.Floor(wait.TotalDays):0} days"
        : wait.TotalHours >= 2 ? $"{Math.Floor(wait.TotalHours):0} hours"
        : wait.TotalMinutes >= 2 ? $"{Math.Floor(wait.TotalMinutes):0} minutes"
        : $"{Math.Ceiling(wait.TotalSeconds):0} seconds";

    public static StorageException TimedOut(string operation, Exception inner) =>
        new(StorageErrorCode.Unavailable, inner is Polly.Timeout.TimeoutRejectedException rejected
            ? $"Nextcloud did not answer {operation} in time: timed out after {Seconds(rejected.Timeout)}."
            : $"Nextcloud did not answer {operation} in time.", null, null, inner);

    /// <summary>The request's deadline passed, before the headers or while the body was read.</summary>
    public static StorageException TimedOut(string operation, TimeSpan after, Exception inner) =>
        new(StorageErrorCode.Unavailable, $"Nextcloud did not answer {operation} in time: timed out after {Seconds(after)}.", null, null, new TimeoutException($"Timed out after {Seconds(after)}.", inner));

    /// <summary>An answer's body (after decompression) exceeded its limit.</summary>
    public static StorageException TooLarge(string operation, long maxBytes) =>
        new(StorageErrorCode.InvalidResponse, $"Nextcloud answered {operation} with a body larger than the limit of {maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes (NextcloudStorageOptions.MaxResponseBodySize or MaxMultiStatusBodySize).");

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";

    public static StorageException InvalidResponse(string operation, int? httpStatus, string what, string? detail = null, Exception? inner = null) =>
        new(StorageErrorCode.InvalidResponse, $"Nextcloud answered {operation} with {what}.", httpStatus, detail, inner);

    public static StorageException ParentMissing(string operation, int? httpStatus, string? detail) =>
        new(StorageErrorCode.NotFound, $"Nextcloud refused {operation}: the parent folder does not exist.", httpStatus, detail);

    public static StorageException NoTokenProvider() =>
        new(StorageErrorCode.NotConfigured, "No IStorageAccessTokenProvider is registered, so Nextcloud cannot be called on behalf of a user. Register the Nextcloud account connection.");

    public static StorageException NoTechnicalUser() =>
        new(StorageErrorCode.NotConfigured, "The Nextcloud technical user has no app password configured (NextcloudStorageOptions.TechnicalUserAppPassword).");
}
