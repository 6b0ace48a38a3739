using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VoiceHelper.Client.Internal;

/// <summary>
/// Accepts a server certificate that the system trusts, or one that chains to an extra certificate from a PEM file,
/// such as the gateway's self-signed development certificate. The host name must match in both cases.
/// </summary>
internal sealed class CertificateTrust(X509Certificate2 trusted) : IDisposable
{
    /// <summary>Loads the first certificate of a PEM file; a private key in the file is ignored.</summary>
    public static CertificateTrust Load(string path) => new(X509Certificate2.CreateFromPem(File.ReadAllText(path)));

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(trusted);
        // A development certificate has no revocation list to check.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }

    public void Dispose() => trusted.Dispose();
}
