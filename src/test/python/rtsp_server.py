#!/usr/bin/python3
"""A loopback RTSP server for the tests: serves a file or a live test pattern as H.264 on 127.0.0.1.

usage: rtsp_server.py --port PORT [--file PATH] [--fps N] [--path /test] [--user NAME]
With --user, clients must authenticate (RTSP basic auth) as NAME with the password in the environment variable
RTSP_TEST_PASSWORD (not an argument, so it is in no process listing).
Prints "ready" once it listens; stops on SIGTERM or SIGINT.
"""
import argparse
import os
import signal

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", required=True)
    ap.add_argument("--file")
    ap.add_argument("--path", default="/test")
    ap.add_argument("--fps", type=int, help="frame rate of the served stream (the file's own rate by default)")
    ap.add_argument("--user", help="require RTSP basic auth as this user (password: $RTSP_TEST_PASSWORD)")
    a = ap.parse_args()
    Gst.init(None)
    enc = "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=10 ! rtph264pay name=pay0 pt=96"
    if a.file:
        # the clip in a loop at its own rate, like a camera
        src = f'multifilesrc location="{a.file}" loop=true ! decodebin ! videoconvert ! videorate'
        if a.fps:
            src += f" ! video/x-raw,framerate={a.fps}/1"
    else:
        src = "videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=25/1"
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(f"( {src} ! {enc} )")
    factory.set_shared(True)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(a.port))
    if a.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "user")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(a.user, os.environ["RTSP_TEST_PASSWORD"]), token)
        server.set_auth(auth)
        factory.add_role_from_structure(Gst.Structure.new_from_string(
            "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
    server.get_mount_points().add_factory(a.path, factory)
    if server.attach(None) == 0:
        raise SystemExit(f"cannot listen on 127.0.0.1:{a.port}")
    loop = GLib.MainLoop()
    for s in (signal.SIGTERM, signal.SIGINT):
        signal.signal(s, lambda *_: loop.quit())
    print("ready", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
