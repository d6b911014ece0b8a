#pragma once

// Small FFmpeg helpers shared by the encoder, the muxer and the song reader: owning pointers
// and error texts. Private to the export module.

#include <QString>
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace tessera::exporting {

struct CodecFreer
{
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct PacketFreer
{
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct FrameFreer
{
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct SwrFreer
{
    void operator()(SwrContext* s) const { swr_free(&s); }
};
struct SwsFreer
{
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct FifoFreer
{
    void operator()(AVAudioFifo* f) const { av_audio_fifo_free(f); }
};
struct InputCloser
{
    void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};

using CodecPtr = std::unique_ptr<AVCodecContext, CodecFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using SwrPtr = std::unique_ptr<SwrContext, SwrFreer>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFreer>;
using FifoPtr = std::unique_ptr<AVAudioFifo, FifoFreer>;
using InputPtr = std::unique_ptr<AVFormatContext, InputCloser>;

//! FFmpeg's words for an error code ("No space left on device").
QString avErrorText(int code);

//! The user's words for a failed write: a full disk and a file-size limit are named as such.
QString writeProblem(int code);

//! Allocation helpers that throw std::bad_alloc instead of returning null.
PacketPtr makePacket();
FramePtr makeFrame();

} // namespace tessera::exporting
