namespace OpenProject.Storages;

/// <summary>
/// A storage that can check its own setup and say, check by check, what is wrong and how to fix it.
/// Implemented by a storage (as a capability, like <see cref="IFileDownloads"/>) or registered as a
/// keyed service under the storage's id; <see cref="StorageSetupValidation"/> finds either.
/// </summary>
public interface IStorageSetupValidator
{
    /// <summary>
    /// Runs every check that applies. Never throws because of what the storage answered (down, wrong host,
    /// garbage, time-outs): each such problem is a failed check with its own code.
    /// </summary>
    /// <param name="context">The acting administrator and the managed project folders, as far as the host knows them.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The report.</returns>
    Task<StorageSetupReport> ValidateSetupAsync(StorageSetupValidationContext context, CancellationToken cancellationToken = default);
}
