using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>
/// Runs one store operation and turns what a database throws into the library's errors: a database that is
/// down, times out or refuses a statement is <see cref="StorageErrorCode.Unavailable"/>, never a raw
/// <see cref="DbException"/>. Messages name the operation, never the connection string.
/// </summary>
internal static class DatabaseCall
{
    public static async Task<T> RunAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"The database could not {operation}; nothing was changed. Try again later.", innerException: exception);
        }
        catch (InvalidOperationException exception)
        {
            // EF Core's own errors: no provider, a model without the stores' tables, a context used from two threads.
            throw new StorageException(StorageErrorCode.NotConfigured, $"The database context could not {operation}: check that the stores' tables are in its model (UseOpenProjectStorages) and its provider is configured.", innerException: exception);
        }
    }

    /// <summary>
    /// The database, not the model, failed: a provider error, a time-out, or EF Core's "transient failure"
    /// wrapper around one (an <see cref="InvalidOperationException"/> whose cause is a <see cref="DbException"/>).
    /// </summary>
    private static bool IsDatabaseFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or DbUpdateException or TimeoutException or OperationCanceledException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A value as the stores keep it: in UTC, to the microsecond (what PostgreSQL's <c>timestamptz</c> holds).</summary>
    public static DateTimeOffset Stored(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>Refuses a key value the column cannot hold, before the database is asked.</summary>
    public static string Key(string? value, int maxLength, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameterName);
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The value is {value.Length} characters long; the store holds at most {maxLength} (StorageModelLimits).", parameterName);
        }

        return value;
    }
}
