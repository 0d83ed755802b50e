using System.Text;

namespace OpenProject.Storages.Testing.Conformance;

/// <summary>The kit's assertions: each failure is a <see cref="ConformanceException"/> naming what was expected.</summary>
internal static class Check
{
    public static void That(bool condition, string expectation)
    {
        if (!condition)
        {
            throw new ConformanceException(expectation);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new ConformanceException($"{what}: expected {Show(expected)}, but the storage gave {Show(actual)}.");
        }
    }

    public static void SequenceEqual<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what)
    {
        var expectedList = expected.ToList();
        var actualList = actual.ToList();
        if (!expectedList.SequenceEqual(actualList))
        {
            throw new ConformanceException($"{what}: expected [{string.Join(", ", expectedList.Select(Show))}], but the storage gave [{string.Join(", ", actualList.Select(Show))}].");
        }
    }

    public static async Task<StorageException> FailsWithAsync(StorageErrorCode expected, Func<Task> action, string what)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (StorageException error) when (error.Code == expected)
        {
            return error;
        }
        catch (StorageException error)
        {
            throw new ConformanceException($"{what}: expected a StorageException with code {expected}, but the code was {error.Code} ({error.Message}).", error);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new ConformanceException($"{what}: expected a StorageException with code {expected}, but got {error.GetType().Name} ({error.Message}).", error);
        }

        throw new ConformanceException($"{what}: expected a StorageException with code {expected}, but the operation succeeded.");
    }

    /// <summary>The caller's mistake: an <see cref="ArgumentException"/> before anything reaches the storage.</summary>
    public static async Task RefusedAsArgumentAsync(Func<Task> action, string what)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new ConformanceException($"{what}: expected an ArgumentException (a caller's mistake), but got {error.GetType().Name} ({error.Message}).", error);
        }

        throw new ConformanceException($"{what}: expected an ArgumentException (a caller's mistake), but the operation succeeded.");
    }

    public static TCapability Capability<TCapability>(IFileStorageConformanceFixture fixture)
        where TCapability : class =>
        fixture.Storage as TCapability
            ?? throw new ConformanceException($"The fixture declares the capability, but {fixture.Storage.GetType().Name} does not implement {typeof(TCapability).Name}.");

    public static StorageItem Single(IEnumerable<StorageItem> items, string name, string what)
    {
        var matches = items.Where(item => string.Equals(item.Name, name, StringComparison.Ordinal)).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new ConformanceException($"{what}: expected exactly one item named {Show(name)}, but found {matches.Count}.");
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        byte[] bytes => $"{bytes.Length} bytes",
        _ => value.ToString() ?? string.Empty,
    };
}
