using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.Nextcloud.Internal;

/// <summary>
/// Source-generated log messages with stable event ids. They name the storage, the operation and
/// the outcome; never a URL (which may carry a one-time token), a token or a password.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Message = "Nextcloud storage {StorageId}: {Operation} failed with HTTP {HttpStatus} ({ErrorCode}).")]
    public static partial void OperationFailed(ILogger logger, LogLevel level, StorageId storageId, string operation, int? httpStatus, StorageErrorCode errorCode);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Nextcloud storage {StorageId}: {Operation} could not reach Nextcloud ({ErrorCode}).")]
    public static partial void TransportFailed(ILogger logger, StorageId storageId, string operation, StorageErrorCode errorCode, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Nextcloud storage {StorageId}: the access token of {HostUserId} was rejected; retrying once with a refreshed token.")]
    public static partial void RetryingWithRefreshedToken(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Nextcloud storage {StorageId}: chunked upload {UploadId} started ({ChunkSize} bytes per chunk).")]
    public static partial void ChunkedUploadStarted(ILogger logger, StorageId storageId, string uploadId, long chunkSize);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Nextcloud storage {StorageId}: chunked upload {UploadId} aborted; its upload folder is being deleted.")]
    public static partial void ChunkedUploadAborted(ILogger logger, StorageId storageId, string uploadId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Nextcloud storage {StorageId}: the upload folder of aborted upload {UploadId} could not be deleted; Nextcloud removes it after 24 hours.")]
    public static partial void ChunkedUploadCleanupFailed(ILogger logger, StorageId storageId, string uploadId, Exception exception);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Information, Message = "Nextcloud storage {StorageId}: the server refused a single upload PUT with {Status}; sending it as a chunked upload.")]
    public static partial void SinglePutRefused(ILogger logger, StorageId storageId, int status);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Nextcloud storage {StorageId}: {Name} exists; trying {NextName} to keep both.")]
    public static partial void NameTaken(ILogger logger, StorageId storageId, string name, string nextName);
}
