# syntax=docker/dockerfile:1
#
# The VoiceHelper silo. Build from the repository root:
#   docker build -f docker/silo.Dockerfile -t voicehelper/silo .
#   docker build -f docker/silo.Dockerfile --build-arg ACCELERATOR=cuda -t voicehelper/silo-cuda .
#
# ACCELERATOR=cpu (default) builds against the CPU build of ONNX Runtime on the ASP.NET Core image.
# ACCELERATOR=cuda builds with -p:OnnxRuntimeGpu=true, the CUDA build of ONNX Runtime, on an NVIDIA CUDA
# image with cuDNN, because that build loads the CUDA 13 and cuDNN 9 libraries at run time.

ARG ACCELERATOR=cpu
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
# NOTE: this tag was not pulled or run here. Pick one whose CUDA and cuDNN versions match the ONNX Runtime
# release in Directory.Packages.props, and whose Ubuntu release matches ASPNET_IMAGE (24.04 for .NET 10).
ARG CUDA_IMAGE=nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04
ARG NODE_IMAGE=node:20-bookworm-slim

# Silero VAD v5 as the npm package @ricky0123/vad-web ships it, checked against the SHA-256 that
# speech/Vad/SileroVadModel.cs and build.ps1 record, as build.ps1 setup fetches it for a checkout.
FROM ${NODE_IMAGE} AS silero-vad
ARG SILERO_VAD_PACKAGE=@ricky0123/vad-web@0.0.31
ARG SILERO_VAD_SHA256=2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
WORKDIR /fetch
RUN tarball=$(npm pack "$SILERO_VAD_PACKAGE" --silent) \
    && tar -xzf "$tarball" package/dist/silero_vad_v5.onnx \
    && echo "$SILERO_VAD_SHA256  package/dist/silero_vad_v5.onnx" | sha256sum -c - \
    && mv package/dist/silero_vad_v5.onnx /fetch/silero_vad_v5.onnx

FROM ${SDK_IMAGE} AS build
ARG ACCELERATOR
WORKDIR /src

# Restore first, from the project files alone, so that a code change does not download packages again.
# inference/build/ holds targets that the restore imports (the model package download among them).
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY hosting/VoiceHelper.Hosting.csproj hosting/
COPY grains.interfaces/VoiceHelper.Grains.Interfaces.csproj grains.interfaces/
COPY grains/VoiceHelper.Grains.csproj grains/
COPY knowledge/VoiceHelper.Knowledge.csproj knowledge/
COPY speech/VoiceHelper.Speech.csproj speech/
COPY inference/VoiceHelper.Inference.csproj inference/
COPY inference/build/ inference/build/
COPY silo/VoiceHelper.Silo.csproj silo/
RUN case "$ACCELERATOR" in \
        cpu) gpu=false ;; \
        cuda) gpu=true ;; \
        *) echo "ACCELERATOR is '$ACCELERATOR', but it must be cpu or cuda." >&2; exit 1 ;; \
    esac \
    && dotnet restore silo/VoiceHelper.Silo.csproj -r linux-x64 -p:OnnxRuntimeGpu=$gpu

COPY . .
COPY --from=silero-vad /fetch/silero_vad_v5.onnx /models/silero_vad_v5.onnx
# The runtime identifier keeps the native ONNX Runtime and USearch libraries to linux-x64 (about 35 MB of
# ONNX Runtime instead of about 300 MB for seven platforms). The build extracts the all-MiniLM-L6-v2 model
# into models/ of the output, and SileroVadModelPath adds the voice activity model there, so the image carries
# both and needs no download at run time.
RUN gpu=$([ "$ACCELERATOR" = cuda ] && echo true || echo false) \
    && dotnet publish silo/VoiceHelper.Silo.csproj -c Release -r linux-x64 --self-contained false --no-restore \
        -p:OnnxRuntimeGpu=$gpu -p:SileroVadModelPath=/models/silero_vad_v5.onnx -o /app \
    && test -f /app/models/all-MiniLM-L6-v2/model.onnx \
    && test -f /app/models/silero-vad-v5/silero_vad_v5.onnx \
    && test -f /app/libonnxruntime.so

FROM ${ASPNET_IMAGE} AS runtime-cpu
# libgomp1: the USearch native library links against OpenMP. curl: the health check. The speech engines that
# the voice grains load with P/Invoke: PocketSphinx with its US English model, and eSpeak NG with its voices.
# NOTE: these are the package names of Debian 12, where the tests run. This image was not built here, so
# their names on the Ubuntu 24.04 of ASPNET_IMAGE and CUDA_IMAGE are unchecked.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 curl \
        libpocketsphinx3 pocketsphinx-en-us libespeak-ng1 espeak-ng-data \
    && rm -rf /var/lib/apt/lists/*

FROM ${ASPNET_IMAGE} AS aspnet

FROM ${CUDA_IMAGE} AS runtime-cuda
# The CUDA image has no .NET, so this stage copies the ASP.NET Core runtime of the CPU image and adds the
# packages that .NET needs on Ubuntu 24.04, and the same non-root user (UID 1654) as the .NET images.
COPY --from=aspnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3t64 tzdata libgomp1 curl \
        libpocketsphinx3 pocketsphinx-en-us libespeak-ng1 espeak-ng-data \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 1654 app \
    && useradd --uid 1654 --gid 1654 --no-create-home --shell /usr/sbin/nologin app
ENV APP_UID=1654 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

FROM runtime-${ACCELERATOR} AS final
WORKDIR /app
COPY --from=build /app ./
COPY docker/entrypoint.sh /usr/local/bin/voicehelper-entrypoint
ENV Silo__Urls=http://+:8090 \
    Orleans__SiloPort=11111 \
    Orleans__GatewayPort=30000
# 8090: health and metrics. 11111: silo-to-silo. 30000: gateways (Orleans clients).
EXPOSE 8090 11111 30000
USER $APP_UID
# Ready means the silo is active in the cluster and PostgreSQL answers. The start period covers joining the
# cluster and checking the model files' SHA-256 (about 90 MB read once).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8090/health/ready || exit 1
ENTRYPOINT ["/usr/local/bin/voicehelper-entrypoint", "VoiceHelper.Silo.dll"]
