# syntax=docker/dockerfile:1
#
# The VoiceHelper gateway. Build from the repository root:
#   docker build -f docker/gateway.Dockerfile -t voicehelper/gateway .
#
# It listens on 8080 (HTTP/1.1), 8081 (gRPC over plain HTTP/2) and, when Gateway__CertificatePath names a
# PEM certificate, 8443 (HTTPS with HTTP/1.1 and HTTP/2).

ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src

# Restore first, from the project files alone, so that a code change does not download packages again.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY hosting/VoiceHelper.Hosting.csproj hosting/
COPY grains.interfaces/VoiceHelper.Grains.Interfaces.csproj grains.interfaces/
COPY gateway/VoiceHelper.Gateway.csproj gateway/
RUN dotnet restore gateway/VoiceHelper.Gateway.csproj -r linux-x64

COPY . .
RUN dotnet publish gateway/VoiceHelper.Gateway.csproj -c Release -r linux-x64 --self-contained false --no-restore \
        -o /app

FROM ${ASPNET_IMAGE} AS final
# curl: the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY docker/entrypoint.sh /usr/local/bin/voicehelper-entrypoint
ENV Gateway__HttpUrl=http://+:8080 \
    Gateway__GrpcUrl=http://+:8081 \
    Gateway__HttpsUrl=https://+:8443
EXPOSE 8080 8081 8443
USER $APP_UID
# Ready means the gateway is connected to the cluster and PostgreSQL answers.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["/usr/local/bin/voicehelper-entrypoint", "VoiceHelper.Gateway.dll"]
