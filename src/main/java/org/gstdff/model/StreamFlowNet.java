package org.gstdff.model;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;

/**
 * One stream's use of a set's flow network ({@link TfFlowNet#forStream}): the network is shared, the inputs of the
 * stream's last two frames are its own ({@link FlowInputs}).
 */
final class StreamFlowNet implements FlowNet, AutoCloseable {

    private final TfFlowNet network;
    private final FlowInputs inputs = new FlowInputs();

    StreamFlowNet(TfFlowNet network) {
        this.network = network;
    }

    @Override
    public synchronized FlowField estimate(FrameImage keyImage, FrameImage current) {
        return network.estimate(keyImage, current, inputs);
    }

    @Override
    public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
        return network.warp(keyFeatures, flow);
    }

    @Override
    public synchronized void close() {
        inputs.close();
    }
}
