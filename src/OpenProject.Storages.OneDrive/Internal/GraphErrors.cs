using System.Net;

namespace OpenProject.Storages.OneDrive.Internal;

/// <summary>Maps Graph's status and error code (<c>{"error":{"code":…}}</c>) to the shared <see cref="StorageErrorCode"/>s.</summary>
internal static class GraphErrors
{
    public static StorageException ToException(int status, GraphError? error, string operation)
    {
        var code = error?.Code;
        var inner = error?.InnerError?.Code;
        var mapped = Map(status, code, inner);
        var detail = error?.Message is { Length: > 0 } message ? Truncate(message) : null;
        return new StorageException(mapped, $"OneDrive refused to {operation}: {Describe(mapped)} (HTTP {status}{(code is null ? string.Empty : ", " + code)}).", status, detail);
    }

    public static StorageErrorCode Map(int status, string? code, string? innerCode = null)
    {
        // An invitation naming an object id the directory does not know (recorded: 400, nothing granted).
        if (Is(code, "noResolvedUsers"))
        {
            return OpenProject.Storages.ProjectFolders.ProjectFolderErrorCodes.UserNotFound;
        }

        if (Is(code, "nameAlreadyExists") || Is(innerCode, "nameAlreadyExists"))
        {
            return StorageErrorCode.Conflict;
        }

        if (Is(code, "resourceLocked") || Is(innerCode, "resourceLocked") || status == 423)
        {
            return StorageErrorCode.Locked;
        }

        if (Is(code, "quotaLimitReached") || status == (int)HttpStatusCode.InsufficientStorage)
        {
            return StorageErrorCode.InsufficientStorage;
        }

        return status switch
        {
            401 => StorageErrorCode.Unauthorized,
            403 => StorageErrorCode.Forbidden,
            404 => StorageErrorCode.NotFound,
            409 or 412 => StorageErrorCode.Conflict,
            400 => StorageErrorCode.InvalidRequest,
            429 or 502 or 503 or 504 => StorageErrorCode.Unavailable,
            >= 500 => StorageErrorCode.Unavailable,
            _ => StorageErrorCode.Unknown,
        };
    }

    private static bool Is(string? code, string expected) => string.Equals(code, expected, StringComparison.OrdinalIgnoreCase);

    private static string Describe(StorageErrorCode code) =>
        code == StorageErrorCode.Unauthorized ? "the user is not logged in to OneDrive"
        : code == StorageErrorCode.Forbidden ? "access denied"
        : code == StorageErrorCode.NotFound ? "no such item"
        : code == StorageErrorCode.Conflict ? "an item with that name exists"
        : code == StorageErrorCode.Locked ? "the item is locked"
        : code == StorageErrorCode.InsufficientStorage ? "the drive's quota is used up"
        : code == StorageErrorCode.Unavailable ? "Microsoft Graph is unavailable or throttling"
        : code == StorageErrorCode.InvalidRequest ? "the request was not valid"
        : code == OpenProject.Storages.ProjectFolders.ProjectFolderErrorCodes.UserNotFound ? "one or more users could not be resolved in the directory"
        : "an unexpected answer";

    // Graph messages are plain sentences, but a body may be hostile: keep what reaches logs short.
    private static string Truncate(string message) => message.Length <= 300 ? message : message[..300];
}
