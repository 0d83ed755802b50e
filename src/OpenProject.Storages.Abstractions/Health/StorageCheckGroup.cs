namespace OpenProject.Storages;

/// <summary>The part of a storage's setup a check covers.</summary>
public enum StorageCheckGroup
{
    /// <summary>The host answers, is the expected product at a supported version, and has the integration installed.</summary>
    Base,

    /// <summary>Users can connect: the OAuth client is configured, and the acting user's token works.</summary>
    Authentication,

    /// <summary>Automatically managed project folders: the technical user, the team folder and every project's folder.</summary>
    ProjectFolders,
}
