using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.Nextcloud.Health;

/// <summary>Source-generated log messages of the setup checks; they name the check and code, never a URL, token or password.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Nextcloud storage {StorageId}: setup check {Check} {Status} ({CheckCode}).")]
    public static partial void CheckDidNotPass(ILogger logger, StorageId storageId, string check, StorageCheckStatus status, string? checkCode);
}
