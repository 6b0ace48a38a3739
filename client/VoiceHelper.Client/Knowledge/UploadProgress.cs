namespace VoiceHelper.Client;

/// <summary>
/// The progress of an upload: first the bytes sent, then, once the gateway has stored the file, the document as
/// ingestion moves on (only with <see cref="UploadOptions.WaitUntilIndexed"/>).
/// </summary>
/// <param name="BytesSent">The bytes sent so far.</param>
/// <param name="TotalBytes">The file's size, when known.</param>
/// <param name="Document">The stored document as it is now; null while the file is still being sent.</param>
public sealed record UploadProgress(long BytesSent, long? TotalBytes, Document? Document);
