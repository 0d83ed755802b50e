using System.Runtime.CompilerServices;

namespace OpenProject.Storages.Internal;

/// <summary>
/// The error of reading an id that was never given one: <c>default(FileId)</c>, an uninitialised field. Only the
/// caller can make such a value, so whichever method notices it, it is the caller's mistake, an
/// <see cref="ArgumentException"/>, and never a null that travels on to a storage request or a database row.
/// </summary>
internal static class DefaultValue
{
    public static ArgumentException Used(string type) =>
        new($"A default({type}) was used; it has no value. Create one with new {type}(…) instead.");

    /// <summary>Refuses an id argument that is its type's default, naming the parameter.</summary>
    public static void ThrowIfDefault<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : struct, IEquatable<T>
    {
        if (value.Equals(default))
        {
            throw new ArgumentException($"A default({typeof(T).Name}) was passed; it has no value. Create one with new {typeof(T).Name}(…) instead.", name);
        }
    }
}
