#!/usr/bin/env bash
# The Debian package, as `cpack -G DEB` makes it from a build folder.
#   debian_package.sh contents BUILD WORK VERSION
#     makes the package and checks its control fields and files (no root needed);
#   debian_package.sh install BUILD WORK VERSION SOURCE SUITE_CASE CXX
#     installs it with apt-get (as root, or with sudo that needs no password), builds the
#     find_package and pkg-config consumers against /usr, runs the installed awsdirect-sigv4 on a
#     suite case, and removes the package again unless it was installed before. It runs only when
#     AWSDIRECT_TEST_DEB_INSTALL=1 (tests/run_all.sh sets it), since it changes the machine.
set -euo pipefail
step=$1 build=$2 work=$3 version=$4
here=$(cd "$(dirname "$0")" && pwd)

fail() { echo "$*" >&2; exit 1; }

make_package() {
  rm -rf "$work"
  mkdir -p "$work"
  cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work" >"$work/cpack.log" || { cat "$work/cpack.log"; exit 1; }
  package=$(ls "$work"/awsdirect_*.deb)
  echo "made $package"
}

if [ "$step" = contents ]; then
  make_package
  [ "$(dpkg-deb -f "$package" Package)" = awsdirect ] || fail "package name is not awsdirect"
  [ "$(dpkg-deb -f "$package" Version)" = "$version" ] || fail "package version is not $version"
  depends=$(dpkg-deb -f "$package" Depends)
  for dependency in libcurl4-openssl-dev libssl-dev libpugixml-dev zlib1g-dev; do
    [[ ", $depends," == *", $dependency,"* ]] || fail "Depends '$depends' lacks $dependency"
  done
  files=$(dpkg-deb -c "$package" | awk '{print $6}')
  for file in ./usr/include/awsdirect.hpp ./usr/include/awsdirect/src.hpp ./usr/lib/libawsdirect.a \
      ./usr/lib/cmake/awsdirect/awsdirectConfig.cmake ./usr/lib/cmake/awsdirect/awsdirectConfigVersion.cmake \
      ./usr/lib/pkgconfig/awsdirect.pc ./usr/lib/pkgconfig/awsdirect-header-only.pc \
      ./usr/bin/awsdirect-sigv4 ./usr/bin/awsdirect-redshift-cluster; do
    grep -qxF "$file" <<<"$files" || fail "the package lacks $file"
  done
  # Nothing in it may point back to where it was built.
  dpkg-deb -x "$package" "$work/tree"
  if grep -rlF "$build" "$work/tree/usr/lib/cmake" "$work/tree/usr/lib/pkgconfig"; then
    fail "files above name the build folder $build"
  fi
  echo "$(wc -l <<<"$files") entries; Depends: $depends"
  exit 0
fi

[ "$step" = install ] || fail "unknown step '$step'"
source=$5 suite_case=$6 cxx=$7
if [ "${AWSDIRECT_TEST_DEB_INSTALL:-}" != 1 ]; then
  echo "skipped: installing a package changes the machine; AWSDIRECT_TEST_DEB_INSTALL=1 allows it"
  exit 77
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || { echo "skipped: needs root or sudo without a password"; exit 77; }
  sudo=(sudo -n)
fi
make_package

installed_before=no
if dpkg-query -W -f='${Status}' awsdirect 2>/dev/null | grep -q "install ok installed"; then installed_before=yes; fi
remove() {
  if [ "$installed_before" = no ]; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq awsdirect >/dev/null
  else
    echo "awsdirect was installed before this test; this build's package stays installed"
  fi
}
trap remove EXIT
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$package" >"$work/apt.log" ||
  { cat "$work/apt.log"; exit 1; }
echo "installed: $(dpkg-query -W -f='${Package} ${Version}' awsdirect)"

"$here/build_and_run.sh" find_package "$source" /usr "$work/find_package" "$suite_case" "$version" "$cxx"
"$here/build_and_run.sh" pkg-config "$source" /usr "$work/pkg-config" "$suite_case" "$version" "$cxx"

# The installed tool signs the suite's request as the suite says.
read -r key secret region service time < <(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print(c["credentials"]["access_key_id"], c["credentials"]["secret_access_key"], c["region"], c["service"],
      c["timestamp"].replace("-", "").replace(":", ""))' "$suite_case/context.json")
signed=$(AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN= /usr/bin/awsdirect-sigv4 \
  --region "$region" --service "$service" --time "$time" <"$suite_case/request.txt")
grep -qF "Signature=$(head -n1 "$suite_case/header-signature.txt")" <<<"$signed" ||
  fail "/usr/bin/awsdirect-sigv4 did not sign as the suite says (run it with --verbose to compare)"
echo "ok: /usr/bin/awsdirect-sigv4 signs the suite's request"
