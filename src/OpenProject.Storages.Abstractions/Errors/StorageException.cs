namespace OpenProject.Storages;

/// <summary>
/// The one exception type of storage operations: a <see cref="StorageErrorCode"/> to branch on, the
/// HTTP status where there was one, and a message a person can act on. Messages and details never
/// contain a token, password or one-time URL.
/// </summary>
public class StorageException : Exception
{
    /// <summary>Creates an exception with the code's name as message.</summary>
    public StorageException()
        : this(StorageErrorCode.Unknown, "The storage operation failed.")
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">What happened.</param>
    public StorageException(string message)
        : this(StorageErrorCode.Unknown, message)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying failure.</param>
    public StorageException(string message, Exception? innerException)
        : this(StorageErrorCode.Unknown, message, innerException: innerException)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="code">Why the operation failed.</param>
    /// <param name="message">What happened, for a person; no secrets.</param>
    /// <param name="httpStatus">The HTTP status the storage answered, if any.</param>
    /// <param name="detail">The storage's own explanation (a server message), if any; no secrets.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public StorageException(StorageErrorCode code, string message, int? httpStatus = null, string? detail = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        HttpStatus = httpStatus;
        Detail = detail;
    }

    /// <summary>Why the operation failed.</summary>
    public StorageErrorCode Code { get; }

    /// <summary>The HTTP status the storage answered, where there was one.</summary>
    public int? HttpStatus { get; }

    /// <summary>The storage's own explanation (for example a WebDAV <c>s:message</c>), where it gave one.</summary>
    public string? Detail { get; }
}
