namespace OpenProject.Storages;

/// <summary>What an open link shows in the storage's web interface.</summary>
public enum OpenLinkTarget
{
    /// <summary>The file itself (Nextcloud: <c>index.php/f/{id}?openfile=1</c>).</summary>
    File,

    /// <summary>The folder that contains the file, with the file selected (<c>openfile=0</c>).</summary>
    ContainingFolder,
}
