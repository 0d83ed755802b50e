namespace OpenProject.Storages;

/// <summary>What an upload does when the folder already has an item of the same name.</summary>
public enum NameConflictPolicy
{
    /// <summary>Refuse with <see cref="StorageErrorCode.Conflict"/>; nothing is written.</summary>
    Fail,

    /// <summary>Keep both: the new file gets a numbered name (<c>report (2).pdf</c>).</summary>
    KeepBoth,

    /// <summary>Replace the existing file's content; its id stays the same.</summary>
    Overwrite,
}
