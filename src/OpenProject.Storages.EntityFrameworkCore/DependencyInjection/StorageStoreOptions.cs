namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>How <c>AddOpenProjectStorageStores</c> sets up the EF Core stores.</summary>
public sealed class StorageStoreOptions
{
    /// <summary>
    /// Protect the users' access and refresh tokens and the PKCE verifiers at rest with ASP.NET Core Data
    /// Protection (default off). Turn it on: with it, a copy of the database (a backup, a replica, a leaked dump)
    /// does not give access to anyone's files. It needs <c>AddDataProtection()</c> with a key ring that every app
    /// instance shares and keeps (losing it means every user connects again). Values stored before it was
    /// turned on are still read, and protected at their next write.
    /// </summary>
    public bool ProtectSecrets { get; set; }
}
