namespace OpenProject.Storages;

/// <summary>The outcome of asking the storage about one file id.</summary>
public enum FileInfoStatus
{
    /// <summary>The file exists and the user may see it.</summary>
    Found,

    /// <summary>The file exists but the user may not see it.</summary>
    Forbidden,

    /// <summary>The file does not exist (deleted, or in the trash).</summary>
    NotFound,

    /// <summary>The storage could not answer for this id.</summary>
    Error,
}
