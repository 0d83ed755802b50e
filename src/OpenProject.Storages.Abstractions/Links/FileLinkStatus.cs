namespace OpenProject.Storages;

/// <summary>A link's live status for the user looking at it.</summary>
public enum FileLinkStatus
{
    /// <summary>The user may open and download the file; the cached data was refreshed.</summary>
    Available,

    /// <summary>The file exists but the user may not see it: cached data is shown, no actions.</summary>
    NotAllowed,

    /// <summary>The file was deleted (or is in the trash): still listed, not selectable.</summary>
    NotFound,

    /// <summary>The live status could not be read; see the storage's state.</summary>
    Error,
}
