"""The public tutorial programs the harness runs, by repository, commit and path (not copied here).

pytorch/tutorials and pytorch/examples are BSD-3-Clause, jcjohnson/pytorch-examples is MIT: the
programs could be copied with their licence, but they are 40-900 lines each, other people's work
that changes upstream, so the harness reads them from a git copy holding the commit instead.
"""
from collections import namedtuple

Program = namedtuple("Program", "repo commit path")
Excluded = namedtuple("Excluded", "repo commit path reason")

TUTORIALS = "pytorch/tutorials", "2f2db747605e73e168d614c4f3a680ab6a286f78"  # 2024-07-18
EXAMPLES = "pytorch/examples", "77f55b912142e11fcfdf5b530231fb9c52f181e8"
JCJOHNSON = "jcjohnson/pytorch-examples", "0003fcdc606a79951e53bf8f46f8574fa4739f23"


def _in(source, *paths):
    return [Program(*source, p) for p in paths]


PROGRAMS = (
    _in(TUTORIALS,
        "beginner_source/blitz/tensor_tutorial.py",
        "beginner_source/blitz/neural_networks_tutorial.py",
        "beginner_source/blitz/data_parallel_tutorial.py",
        "beginner_source/basics/tensorqs_tutorial.py",
        "beginner_source/basics/autogradqs_tutorial.py",
        "beginner_source/examples_tensor/polynomial_tensor.py",
        "beginner_source/examples_autograd/polynomial_autograd.py",
        "beginner_source/examples_autograd/polynomial_custom_function.py",
        "beginner_source/examples_nn/polynomial_nn.py",
        "beginner_source/examples_nn/polynomial_optim.py",
        "beginner_source/examples_nn/polynomial_module.py",
        "beginner_source/examples_nn/dynamic_net.py",
        "beginner_source/former_torchies/tensor_tutorial_old.py",
        "beginner_source/former_torchies/autograd_tutorial_old.py",
        "beginner_source/former_torchies/nnft_tutorial.py",
        "beginner_source/introyt/tensors_deeper_tutorial.py",
        "beginner_source/introyt/autogradyt_tutorial.py",
        "beginner_source/introyt/modelsyt_tutorial.py",
        "recipes_source/recipes/defining_a_neural_network.py",
        "recipes_source/recipes/what_is_state_dict.py",
        "recipes_source/recipes/saving_and_loading_a_general_checkpoint.py",
        "recipes_source/recipes/saving_multiple_models_in_one_file.py",
        "recipes_source/recipes/warmstarting_model_using_parameters_from_a_different_model.py",
        "recipes_source/recipes/reasoning_about_shapes.py",
        "recipes_source/recipes/swap_tensors.py",
        "intermediate_source/autograd_saved_tensors_hooks_tutorial.py",
        "intermediate_source/forward_ad_usage.py",
        "intermediate_source/neural_tangent_kernels.py",
        "beginner_source/nlp/pytorch_tutorial.py",
        "beginner_source/nlp/deep_learning_tutorial.py",
        "beginner_source/nlp/word_embeddings_tutorial.py",
        "beginner_source/nlp/sequence_models_tutorial.py",
        "beginner_source/nlp/advanced_tutorial.py",
        "advanced_source/numpy_extensions_tutorial.py")  # (imports scipy: without it PyTorch stops too, listed apart)
    + _in(EXAMPLES,
          "regression/main.py")
    + _in(JCJOHNSON,
          "tensor/two_layer_net_tensor.py",
          "autograd/two_layer_net_autograd.py",
          "autograd/two_layer_net_custom_function.py",
          "nn/two_layer_net_nn.py",
          "nn/two_layer_net_optim.py",
          "nn/two_layer_net_module.py",
          "nn/dynamic_net.py")
)

_DATA = "downloads a data set"
EXCLUDED = [
    Excluded(*TUTORIALS, "beginner_source/blitz/autograd_tutorial.py", "downloads ResNet-18 weights (torchvision)"),
    Excluded(*TUTORIALS, "beginner_source/blitz/cifar10_tutorial.py", _DATA + " (CIFAR-10)"),
    Excluded(*TUTORIALS, "beginner_source/basics/quickstart_tutorial.py", _DATA + " (FashionMNIST)"),
    Excluded(*TUTORIALS, "beginner_source/basics/data_tutorial.py", _DATA + " (FashionMNIST)"),
    Excluded(*TUTORIALS, "beginner_source/basics/transforms_tutorial.py", _DATA + " (FashionMNIST)"),
    Excluded(*TUTORIALS, "beginner_source/basics/optimization_tutorial.py", _DATA + " (FashionMNIST)"),
    Excluded(*TUTORIALS, "beginner_source/basics/saveloadrun_tutorial.py", "downloads VGG-16 weights (torchvision)"),
    Excluded(*TUTORIALS, "beginner_source/introyt/introyt1_tutorial.py", _DATA + " (CIFAR-10)"),
    Excluded(*TUTORIALS, "beginner_source/introyt/trainingyt.py", _DATA + " (FashionMNIST)"),
    Excluded(*TUTORIALS, "beginner_source/nn_tutorial.py", _DATA + " (MNIST)"),
    Excluded(*TUTORIALS, "recipes_source/recipes/zeroing_out_gradients.py", _DATA + " (CIFAR-10)"),
    Excluded(*TUTORIALS, "intermediate_source/custom_function_conv_bn_tutorial.py", _DATA + " (MNIST)"),
    Excluded(*TUTORIALS, "intermediate_source/char_rnn_classification_tutorial.py", _DATA + " (names)"),
    Excluded(*TUTORIALS, "beginner_source/profiler.py", "needs CUDA (.cuda() on every tensor)"),
    Excluded(*TUTORIALS, "recipes_source/recipes/amp_recipe.py", "needs CUDA (torch.cuda.amp)"),
    Excluded(*TUTORIALS, "recipes_source/recipes/profiler_recipe.py", "needs torchvision (resnet18), not installed"),
    Excluded(*TUTORIALS, "recipes_source/recipes/benchmark.py", "timings only (torch.utils.benchmark), runs for minutes"),
    Excluded(*TUTORIALS, "recipes_source/recipes/tuning_guide.py", "torch.compile, torch.fx, CUDA"),
    Excluded(*TUTORIALS, "intermediate_source/dqn_with_rnn_tutorial.py", "needs gym and tensordict"),
    Excluded(*TUTORIALS, "beginner_source/basics/buildmodel_tutorial.py", "imports torchvision, not installed"),
    Excluded(*TUTORIALS, "recipes_source/recipes/saving_and_loading_models_for_inference.py",
             "stops on PyTorch 2.13 itself: torch.load of a whole model (weights_only=True by default)"),
    Excluded(*TUTORIALS, "recipes_source/recipes/changing_default_device.py", "needs CUDA"),
    Excluded(*TUTORIALS, "recipes_source/recipes/module_load_state_dict_tips.py", "needs CUDA"),
    Excluded(*TUTORIALS, "recipes_source/recipes/timer_quick_start.py", "timings only (torch.utils.benchmark), runs for minutes"),
    Excluded(*TUTORIALS, "intermediate_source/jacobians_hessians.py",
             "times jacrev/jacfwd 500 times each (torch.utils.benchmark): over 150 s on PyTorch here"),
    Excluded(*TUTORIALS, "beginner_source/examples_tensor/polynomial_numpy.py", "numpy only: does not use torch"),
    Excluded(*EXAMPLES, "mnist/main.py", _DATA + " (MNIST); also mnist_rnn, mnist_hogwild, mnist_forward_forward, vae, siamese_network"),
    Excluded(*EXAMPLES, "gcn/main.py", _DATA + " (Cora); also gat"),
    Excluded(*EXAMPLES, "time_sequence_prediction/train.py", "needs traindata.pt written by generate_sine_wave.py; LBFGS on an LSTMCell for minutes"),
    Excluded(*EXAMPLES, "fx/custom_tracer.py", "torch.fx (all of fx/)"),
    Excluded(*EXAMPLES, "reinforcement_learning/reinforce.py", "needs gym"),
    Excluded(*EXAMPLES, "word_language_model/main.py", "trains on WikiText-2 for minutes"),
    Excluded(*JCJOHNSON, "autograd/tf_two_layer_net.py", "TensorFlow"),
    Excluded(*JCJOHNSON, "tensor/two_layer_net_numpy.py", "numpy only: does not use torch"),
]
