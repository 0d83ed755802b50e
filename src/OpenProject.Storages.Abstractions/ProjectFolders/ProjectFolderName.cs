using System.Globalization;
using System.Text;

namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// How a project's folder is named: <c>"&lt;project name&gt; (&lt;project id&gt;)"</c>, as OpenProject
/// names it. <c>/</c> and <c>\</c> become <c>|</c> (<c>_</c> where <c>|</c> is forbidden too); control characters and the storage's other
/// forbidden characters become <c>_</c>; the name is trimmed and shortened so the whole folder name
/// stays within <see cref="MaxLength"/> characters, and the id suffix always survives.
/// </summary>
public static class ProjectFolderName
{
    /// <summary>The longest folder name produced, in UTF-16 code units (Nextcloud stores at most 250).</summary>
    public const int MaxLength = 250;

    /// <summary>Builds a project's folder name.</summary>
    /// <param name="projectName">The project's name.</param>
    /// <param name="projectId">The project's id.</param>
    /// <param name="forbiddenCharacters">Further characters the storage forbids; they become <c>_</c>.</param>
    /// <returns>The folder name.</returns>
    /// <exception cref="ArgumentException"><paramref name="projectId"/> is null, empty or white space.</exception>
    public static string For(string projectName, string projectId, string? forbiddenCharacters = null)
    {
        ArgumentNullException.ThrowIfNull(projectName);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        var suffix = " (" + Clean(projectId.Trim(), forbiddenCharacters) + ")";
        var name = Clean(projectName.Trim(), forbiddenCharacters);
        var room = MaxLength - suffix.Length;
        if (name.Length > room)
        {
            name = Shorten(name, Math.Max(room, 0));
        }

        return name.Length == 0 ? suffix.TrimStart() : name + suffix;
    }

    private static string Clean(string text, string? forbiddenCharacters)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                // A storage that forbids '|' too (SharePoint) gets '_', as OpenProject names OneDrive folders.
                '/' or '\\' => forbiddenCharacters is not null && forbiddenCharacters.Contains('|', StringComparison.Ordinal) ? '_' : '|',
                _ when char.IsControl(c) => '_',
                _ when forbiddenCharacters is not null && forbiddenCharacters.Contains(c, StringComparison.Ordinal) => '_',
                _ => c,
            });
        }

        return builder.ToString();
    }

    // Cuts at a text element boundary so no surrogate pair or combining sequence is split.
    private static string Shorten(string name, int maxLength)
    {
        var length = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(name);
        while (enumerator.MoveNext())
        {
            var next = enumerator.ElementIndex + ((string)enumerator.Current).Length;
            if (next > maxLength)
            {
                break;
            }

            length = next;
        }

        return name[..length].TrimEnd();
    }
}
