namespace OpenProject.Storages;

/// <summary>
/// The English descriptions OpenProject's Files tab uses: <see cref="StorageErrorCode.Unauthorized"/> →
/// login required; <see cref="StorageErrorCode.Unavailable"/> and <see cref="StorageErrorCode.NotConfigured"/> →
/// no connection; <see cref="StorageErrorCode.PermissionMissing"/> and <see cref="StorageErrorCode.Forbidden"/> →
/// permission missing; everything else → fetch error.
/// </summary>
public class DefaultStorageProblemDescriber : IStorageProblemDescriber
{
    /// <inheritdoc/>
    public virtual StorageProblem Describe(StorageException exception, string storageProductName)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageProductName);
        var code = exception.Code;
        if (code == StorageErrorCode.Unauthorized)
        {
            return Problem(StorageConnectionState.LoginRequired, code, $"Login to {storageProductName}", $"To add a link, see or upload files related to this work package, please login to {storageProductName}.");
        }

        if (code == StorageErrorCode.Unavailable || code == StorageErrorCode.NotConfigured)
        {
            return Problem(StorageConnectionState.NoConnection, code, $"No {storageProductName} connection", $"Some {storageProductName} settings are not working. Please contact your {storageProductName} administrator.");
        }

        if (code == StorageErrorCode.PermissionMissing)
        {
            return Problem(StorageConnectionState.PermissionMissing, code, "Permission missing", "You do not have the permission for this action. Please ask a project administrator.");
        }

        if (code == StorageErrorCode.Forbidden)
        {
            return Problem(StorageConnectionState.PermissionMissing, code, "Not allowed", $"You have no permission to access this file in {storageProductName}.");
        }

        return Problem(StorageConnectionState.FetchError, code, "Error fetching file details", $"The file details could not be read from {storageProductName}. Please try again later.");
    }

    private static StorageProblem Problem(StorageConnectionState state, StorageErrorCode code, string title, string message) =>
        new() { State = state, Code = code, Title = title, Message = message };
}
