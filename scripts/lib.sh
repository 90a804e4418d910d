# Shared steps of scripts/quickstart and scripts/test. Each step does nothing
# when its result is already there, so the scripts are cheap to run again.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SIND_BUILD_DIR:-$repo/build}

packages=(
    cmake g++ ninja-build pkg-config
    libboost-dev libboost-filesystem-dev libpoco-dev nlohmann-json3-dev libcli11-dev
    libyaml-cpp-dev libgtest-dev libgmock-dev
    docker.io debootstrap ca-certificates
)

step() { printf '==> %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# clang and its libFuzzer runtime, for the fuzz targets only
fuzz_packages=(clang libclang-rt-14-dev)

# install_packages [PACKAGE...]: install what is missing of `packages`, or of
# the packages given.
install_packages() {
    local wanted=("$@") missing
    [ ${#wanted[@]} -gt 0 ] || wanted=("${packages[@]}")
    missing=$(dpkg-query -W -f '${Status} ${Package}\n' "${wanted[@]}" 2>&1 \
        | awk '$3 != "installed" { print $NF }' || true)
    if [ -z "$missing" ]; then
        return
    fi
    step "installing Debian packages: $(echo $missing)"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${wanted[@]}"
}

# fuzz_nodesets SECONDS: build the node-set fuzz target with clang in its own
# build tree and run it for that long; a crash fails the step.
fuzz_nodesets() {
    local fuzz_dir=${SIND_FUZZ_BUILD_DIR:-$repo/build-fuzz}
    step "fuzzing the node-set parser for $1 s"
    cmake -S "$repo" -B "$fuzz_dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
        -DSIND_BUILD_FUZZERS=ON -DSIND_BUILD_TESTS=OFF >/dev/null
    cmake --build "$fuzz_dir" --target sind-nodeset-fuzz >/dev/null
    "$fuzz_dir/tests/fuzz/sind-nodeset-fuzz" -max_total_time="$1" -print_final_stats=1 2>&1 | tail -n 3
}

build_sind() {
    step "building sind in $build_dir"
    cmake -S "$repo" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build_dir" -j "$(nproc)"
}

docker_answers() {
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# Start a Docker daemon unless one responds already: through systemd where it
# runs, or in the background with its log in /var/log/sind-dockerd.log.
ensure_docker() {
    if docker_answers; then
        return
    fi
    step "starting the Docker daemon"
    if [ -d /run/systemd/system ]; then
        as_root systemctl start docker
    else
        as_root sh -c 'nohup dockerd >/var/log/sind-dockerd.log 2>&1 &'
    fi
    for _ in $(seq 1 60); do
        docker_answers && return
        sleep 0.5
    done
    echo "the Docker daemon did not respond within 30 seconds; see /var/log/sind-dockerd.log" >&2
    exit 1
}

ensure_node_image() {
    step "building the node image (kept when its recipe is unchanged)"
    as_root "$repo/packaging/images/build-node-image"
}
